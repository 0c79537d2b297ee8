package org.llmgate.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.openai.OpenAiAdapter;
import org.llmgate.testsupport.fake.Behavior;
import org.llmgate.testsupport.fake.FakeProvider;

class ConnectionReuseTest {

    static FakeProvider fake;
    static UpstreamHttp http;

    @BeforeAll
    static void start() {
        fake = FakeProvider.start();
        http = new UpstreamHttp();
    }

    @AfterAll
    static void stop() {
        fake.close();
        http.close();
    }

    @Test
    void consecutive_answers_reuse_their_upstream_connections() {
        fake.script("gpt-4o", Behavior.answer("Hel", "lo", "!").usage(21, 3));
        OpenAiAdapter adapter = new OpenAiAdapter(http);
        int calls = 4 * UpstreamHttp.CLIENTS;

        for (int i = 0; i < calls; i++) {
            RecordingListener listener = new RecordingListener();
            adapter.stream(Calls.call(fake.baseUrl("openai"), "sk-test-0123456789abcdef", "gpt-4o", Endpoint.CHAT_COMPLETIONS),
                    listener);
            assertThat(listener.await(Duration.ofSeconds(5)).completed()).isTrue();
        }

        // issue 16: cancelling the body at its end marker closed the connection, so every chat paid for a new
        // one. Read to its end, it is pooled again. Chats take the clients in turn, each with its own pool; a
        // call that starts before its client's previous body was read to the end takes a second connection
        // (the two then take turns): at most two per client, against one per call without reuse
        assertThat(fake.requests()).hasSize(calls);
        assertThat(fake.requests().stream().map(r -> r.from()).distinct().count())
                .as("connections for %d calls in a row over %d clients", calls, UpstreamHttp.CLIENTS)
                .isLessThanOrEqualTo(2L * UpstreamHttp.CLIENTS);
    }
}
