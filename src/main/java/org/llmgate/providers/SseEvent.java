package org.llmgate.providers;

/** One dispatched server-sent event: its {@code event:} name (null when absent) and joined {@code data:} lines. */
public record SseEvent(String event, String data) {
}
