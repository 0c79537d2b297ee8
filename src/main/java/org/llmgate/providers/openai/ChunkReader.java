package org.llmgate.providers.openai;

import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import org.llmgate.providers.JsonSupport;

/**
 * The few fields of a {@code chat.completion.chunk} the relay reads: the first choice's delta
 * content and finish reason, the usage, and whether the chunk is an error. They are pulled from the
 * text with a streaming parser and everything else is skipped: building the whole tree of every
 * chunk was about a seventh of the relay's request-thread time (issue 16). Invalid JSON, or a JSON
 * value other than an object, is a {@link JsonException}, as for a full parse.
 */
final class ChunkReader {

    /** What one chunk says; {@code content} and {@code finishReason} are null when absent. */
    record Chunk(boolean error, boolean hasUsage, long promptTokens, long completionTokens,
                 boolean hasChoice, String content, String finishReason) {
    }

    private ChunkReader() {
    }

    static Chunk read(String data) {
        boolean error = false;
        boolean hasUsage = false;
        long[] usage = new long[2];
        String[] choice = null;
        try (JsonParser parser = JsonSupport.parser(data)) {
            if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
                throw new JsonException("expected a JSON object");
            }
            for (Event event = parser.next(); event == Event.KEY_NAME; event = parser.next()) {
                String key = parser.getString();
                Event value = parser.next();
                if (key.equals("usage") && value == Event.START_OBJECT) {
                    hasUsage = true;
                    readUsage(parser, usage);
                } else if (key.equals("choices") && value == Event.START_ARRAY) {
                    choice = readFirstChoice(parser);
                } else {
                    error |= key.equals("error") && value == Event.START_OBJECT
                            || key.equals("object") && value == Event.VALUE_STRING && parser.getString().equals("error");
                    skip(parser, value);
                }
            }
        }
        return new Chunk(error, hasUsage, usage[0], usage[1], choice != null,
                choice == null ? null : choice[0], choice == null ? null : choice[1]);
    }

    private static void readUsage(JsonParser parser, long[] usage) {
        for (Event event = parser.next(); event == Event.KEY_NAME; event = parser.next()) {
            String key = parser.getString();
            Event value = parser.next();
            if (value == Event.VALUE_NUMBER && key.equals("prompt_tokens")) {
                usage[0] = parser.getBigDecimal().longValue();
            } else if (value == Event.VALUE_NUMBER && key.equals("completion_tokens")) {
                usage[1] = parser.getBigDecimal().longValue();
            }
            skip(parser, value);
        }
    }

    /** {@code [content, finishReason]} of the first choice, or null for an empty array; the parser ends past the array. */
    private static String[] readFirstChoice(JsonParser parser) {
        Event first = parser.next();
        if (first == Event.END_ARRAY) {
            return null;
        }
        if (first != Event.START_OBJECT) {
            throw new JsonException("a choice that is not an object");
        }
        String[] choice = new String[2];
        for (Event event = parser.next(); event == Event.KEY_NAME; event = parser.next()) {
            String key = parser.getString();
            Event value = parser.next();
            if (key.equals("delta") && value == Event.START_OBJECT) {
                for (Event field = parser.next(); field == Event.KEY_NAME; field = parser.next()) {
                    String name = parser.getString();
                    Event text = parser.next();
                    if (name.equals("content")) {
                        choice[0] = text(parser, text);
                    }
                    skip(parser, text);
                }
            } else {
                if (key.equals("finish_reason")) {
                    choice[1] = text(parser, value);
                }
                skip(parser, value);
            }
        }
        parser.skipArray();
        return choice;
    }

    /** A string's text, or a number's, as the tree reads gave them; null for anything else. */
    private static String text(JsonParser parser, Event value) {
        return value == Event.VALUE_STRING || value == Event.VALUE_NUMBER ? parser.getString() : null;
    }

    /** Past a value whose start was just read; a scalar is past already. */
    private static void skip(JsonParser parser, Event value) {
        if (value == Event.START_OBJECT) {
            parser.skipObject();
        } else if (value == Event.START_ARRAY) {
            parser.skipArray();
        }
    }
}
