package org.llmgate.chat.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.Usage;

class OpenChatsTest {

    final OpenChats gate = new OpenChats(2);

    @Test
    void an_organization_past_its_limit_gets_429_while_another_is_admitted() {
        gate.admit(1, new Recording());
        gate.admit(1, new Recording());

        assertThatThrownBy(() -> gate.admit(1, new Recording()))
                .isInstanceOfSatisfying(ChatRefused.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
        gate.admit(2, new Recording());
        assertThat(gate.open()).isEqualTo(3);
    }

    @Test
    void a_chat_gives_its_slot_back_once_whether_it_ends_or_its_client_leaves() {
        Recording first = new Recording();
        ChatSink done = gate.admit(1, first);
        Recording second = new Recording();
        ChatSink gone = gate.admit(1, second);

        done.done(null, 0, null);
        done.error(ErrorClass.UPSTREAM_ERROR, "late", List.of());
        gone.onClientGone(() -> { });
        second.clientGone.run();
        second.clientGone.run();

        assertThat(first.events).containsExactly("done", "error");
        assertThat(gate.open()).isZero();
        gate.admit(1, new Recording());
        gate.admit(1, new Recording());
        assertThat(gate.open()).isEqualTo(2);
    }

    @Test
    void draining_refuses_new_chats_with_503_and_waits_for_open_ones() throws Exception {
        ChatSink open = gate.admit(1, new Recording());
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> gate.drain(Duration.ofSeconds(10)));

        assertThat(waitUntilDraining()).isTrue();
        assertThatThrownBy(() -> gate.admit(2, new Recording()))
                .isInstanceOfSatisfying(ChatRefused.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(drained).isNotDone();
        open.done(null, 0, null);
        assertThat(drained.get(5, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void draining_gives_up_after_its_bound_and_says_how_many_are_still_open() {
        gate.admit(1, new Recording());

        assertThat(gate.drain(Duration.ofMillis(200))).isEqualTo(1);
    }

    private boolean waitUntilDraining() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!gate.draining() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return gate.draining();
    }

    private static final class Recording implements ChatSink {
        final List<String> events = new ArrayList<>();
        Runnable clientGone = () -> { };

        @Override
        public void attempt(int hop, LlmConfigView config, Endpoint endpoint) {
            events.add("attempt");
        }

        @Override
        public void fallback(long fromConfigId, long toConfigId, ErrorClass errorClass, String message) {
            events.add("fallback");
        }

        @Override
        public void delta(String text) {
            events.add("delta");
        }

        @Override
        public void flush() {
            // nothing waits in a recording
        }

        @Override
        public void done(LlmConfigView config, int hop, Usage usage) {
            events.add("done");
        }

        @Override
        public void error(ErrorClass errorClass, String message, List<AttemptSummary> attempts) {
            events.add("error");
        }

        @Override
        public void onClientGone(Runnable action) {
            clientGone = action;
        }
    }
}
