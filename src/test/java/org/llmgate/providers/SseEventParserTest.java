package org.llmgate.providers;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventParserTest {

    private final List<SseEvent> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final SseEventParser parser = new SseEventParser(events::add, comments::add);

    private void feed(String... lines) {
        for (String line : lines) {
            parser.line(line);
        }
    }

    @Test
    void namedEventIsDispatchedOnTheBlankLine() {
        feed("event: message_stop", "data: {\"type\":\"message_stop\"}");
        assertThat(events).isEmpty();

        feed("");

        assertThat(events).containsExactly(new SseEvent("message_stop", "{\"type\":\"message_stop\"}"));
    }

    @Test
    void dataLinesAreJoinedWithNewlinesAndTheEventNameResets() {
        feed("event: a", "data: one", "data:two", "", "data: three", "");

        assertThat(events).containsExactly(new SseEvent("a", "one\ntwo"), new SseEvent(null, "three"));
    }

    @Test
    void commentsAreReportedNotDispatched() {
        feed(": OPENROUTER PROCESSING", "", "data: [DONE]", "");

        assertThat(comments).containsExactly("OPENROUTER PROCESSING");
        assertThat(events).containsExactly(new SseEvent(null, "[DONE]"));
    }

    @Test
    void carriageReturnsAreTolerated() {
        feed("event: ping\r", "data: {}\r", "\r");

        assertThat(events).containsExactly(new SseEvent("ping", "{}"));
    }

    @Test
    void aLastEventWithoutBlankLineIsDispatchedAtTheEnd() {
        feed("data: tail");
        parser.end();

        assertThat(events).containsExactly(new SseEvent(null, "tail"));
    }

    @Test
    void blankLinesWithoutDataDispatchNothing() {
        feed("", "", "id: 7", "retry: 100", "");

        assertThat(events).isEmpty();
    }
}
