package org.llmgate.providers;

import java.util.function.Consumer;

/**
 * Assembles server-sent events from lines (the HTML SSE rules): {@code event:} and {@code data:}
 * fields, several {@code data:} lines joined by a newline, comment lines starting with {@code :}
 * (OpenRouter's {@code : OPENROUTER PROCESSING} keep-alives) and dispatch on a blank line.
 * Feed it lines without their terminator; a trailing CR is tolerated. Not thread-safe: one per stream.
 */
public final class SseEventParser {

    /** Bounds the {@code data:} lines joined into one event: an upstream cannot make the gateway buffer without end. */
    public static final int MAX_EVENT_CHARS = 2 * 1024 * 1024;

    /** An event's data grew past {@link #MAX_EVENT_CHARS}. */
    public static final class EventTooLarge extends RuntimeException {
        EventTooLarge() {
            super("upstream sent an event larger than " + MAX_EVENT_CHARS + " characters");
        }
    }

    private final Consumer<SseEvent> onEvent;
    private final Consumer<String> onComment;
    private String eventName;
    private StringBuilder data;

    public SseEventParser(Consumer<SseEvent> onEvent, Consumer<String> onComment) {
        this.onEvent = onEvent;
        this.onComment = onComment;
    }

    public void line(String rawLine) {
        String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            onComment.accept(line.substring(1).strip());
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> eventName = value;
            case "data" -> {
                if (data != null && data.length() + value.length() >= MAX_EVENT_CHARS) {
                    throw new EventTooLarge();
                }
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // id, retry and unknown fields do not matter to a relay
            }
        }
    }

    /** Dispatches a last event that was not followed by a blank line (a server that closed right after it). */
    public void end() {
        dispatch();
    }

    private void dispatch() {
        if (data == null) {
            eventName = null;
            return;
        }
        SseEvent event = new SseEvent(eventName, data.toString());
        eventName = null;
        data = null;
        onEvent.accept(event);
    }
}
