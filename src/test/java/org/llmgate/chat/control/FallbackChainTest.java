package org.llmgate.chat.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.llmgate.budget.control.Reservation;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.learning.HintKey;
import org.llmgate.providers.ChatMessage;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.StreamHandle;
import org.llmgate.providers.StreamListener;
import org.llmgate.providers.StubAdapter;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.Usage;
import org.llmgate.resilience.HopTarget;

/**
 * The chain walk without a container: the interceptor, driven through a plain invocation context
 * that calls the attempt runner, with a fake admission, adapter, ledger and sink.
 */
class FallbackChainTest {

    static final RuntimeCredential KEY = new RuntimeCredential(1, 1, "openai", "key", "http://fake", null, null, "sk-x");
    static final LlmConfigView PRIMARY = config(11, "primary");
    static final LlmConfigView BACKUP = config(12, "backup");
    static final LlmConfigView LAST = config(13, "last");

    final ScriptedAdapter adapter = new ScriptedAdapter();
    final RecordingSink sink = new RecordingSink();
    final List<String> booked = new ArrayList<>();
    final List<Integer> skipped = new ArrayList<>();

    @Test
    void a_429_on_the_primary_falls_back_and_the_backup_answers_with_one_fallback_event() {
        adapter.script("primary", listener -> listener.onFailure(
                new UpstreamFailure(ErrorClass.RATE_LIMITED, 429, Duration.ofSeconds(1), "rate limited")));
        adapter.script("backup", listener -> {
            listener.onDelta("Hi");
            listener.onComplete(new Usage(3, 1));
        });

        chat(PRIMARY, BACKUP, LAST);

        assertThat(sink.events).containsExactly("attempt 0 primary", "fallback 11->12 rate_limited", "attempt 1 backup",
                "delta Hi", "done 1 backup");
        assertThat(adapter.calls).containsExactly("primary", "backup");
        assertThat(booked).containsExactly("failed primary rate_limited", "answered backup");
    }

    @Test
    void a_failure_after_the_first_token_ends_the_stream_with_an_error_and_no_fallback() {
        adapter.script("primary", listener -> {
            listener.onDelta("Hal");
            listener.onFailure(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, "reset"));
        });

        chat(PRIMARY, BACKUP);

        assertThat(sink.events).containsExactly("attempt 0 primary", "delta Hal", "error stream_interrupted");
        assertThat(adapter.calls).containsExactly("primary");
    }

    @Test
    void a_skipped_hop_is_booked_without_a_call_and_a_class_that_does_not_fall_back_stops_the_walk() {
        skipped.add(0);
        adapter.script("backup", listener -> listener.onFailure(new UpstreamFailure(ErrorClass.BAD_REQUEST, 400, null, "bad")));

        chat(PRIMARY, BACKUP, LAST);

        assertThat(sink.events).containsExactly("fallback 11->12 upstream_error", "attempt 1 backup", "error bad_request");
        assertThat(adapter.calls).containsExactly("backup");
        assertThat(booked).containsExactly("skipped primary", "failed backup bad_request");
    }

    @Test
    void the_other_endpoint_is_tried_within_the_hop_before_any_fallback() {
        adapter.alternative = Endpoint.RESPONSES;
        adapter.script("primary", new java.util.function.Consumer<>() {
            int calls;

            @Override
            public void accept(StreamListener listener) {
                if (calls++ == 0) {
                    listener.onFailure(new UpstreamFailure(ErrorClass.ENDPOINT_UNSUPPORTED, 404, null, "use the other API"));
                } else {
                    listener.onDelta("ok");
                    listener.onComplete(Usage.NONE);
                }
            }
        });

        chat(PRIMARY, BACKUP);

        assertThat(adapter.calls).containsExactly("primary", "primary");
        assertThat(sink.events).last().isEqualTo("done 0 primary");
        assertThat(sink.events).noneMatch(e -> e.startsWith("fallback"));
    }

    @Test
    void a_bug_while_relaying_a_token_ends_the_stream_with_an_error_instead_of_leaving_it_open() {
        sink.failOnDelta = true;
        adapter.script("primary", listener -> {
            listener.onDelta("Hi");
            listener.onComplete(new Usage(3, 1));
        });

        chat(PRIMARY, BACKUP);

        assertThat(sink.events).containsExactly("attempt 0 primary", "error upstream_error");
        assertThat(adapter.calls).containsExactly("primary");
    }

    @Test
    void every_hop_failing_ends_with_one_error_naming_the_last_class() {
        adapter.script("primary", listener -> listener.onFailure(new UpstreamFailure(ErrorClass.RATE_LIMITED, 429, null, "slow down")));
        adapter.script("backup", listener -> listener.onFailure(new UpstreamFailure(ErrorClass.EMPTY_RESPONSE, "nothing")));

        chat(PRIMARY, BACKUP);

        assertThat(sink.events).containsExactly("attempt 0 primary", "fallback 11->12 rate_limited", "attempt 1 backup",
                "error empty_response");
    }

    private void chat(LlmConfigView... chain) {
        ChatPlan plan = new ChatPlan("req-1", 1, List.of(chain), Map.of(1L, KEY), List.of(new ChatMessage("user", "hello")));
        ChatTurn turn = new ChatTurn(plan, sink, t -> { });
        AttemptLedger ledger = new BookingLedger();
        AttemptRunner runner = new AttemptRunner();
        runner.ledger = ledger;
        FallbackChainInterceptor interceptor = new FallbackChainInterceptor();
        interceptor.admission = new ScriptedAdmission();
        interceptor.ledger = ledger;
        CompletionStage<?> outcome = (CompletionStage<?>) interceptor.walk(new CallOf(runner, turn));
        assertThat(outcome.toCompletableFuture()).isDone();
    }

    private static LlmConfigView config(long id, String model) {
        return new LlmConfigView(id, 1L, model, "openai", 1L, model, null, null, null, null, null, null);
    }

    /** Admits every hop except those listed in {@link #skipped}, which a breaker holds open. */
    final class ScriptedAdmission extends AttemptAdmission {
        @Override
        public Admission admit(ChatTurn turn, int index, LlmConfigView config, Integer exceededWindow, ErrorClass earlier) {
            if (skipped.contains(index)) {
                return new Admission.Skipped(ErrorClass.UPSTREAM_ERROR, "breaker_open", "open until later", null);
            }
            HopTarget target = new HopTarget("openai", 1, "http://fake", config.model(), false);
            Endpoint endpoint = Endpoint.CHAT_COMPLETIONS;
            return new Admission.Admitted(new Hop(index, config, KEY, adapter, target, new HintKey("openai", config.model()),
                    endpoint, EnumSet.of(endpoint), System.nanoTime(), Reservation.NONE));
        }
    }

    /** Books outcomes in a list and keeps the error event's attempt list, as the real ledger does. */
    final class BookingLedger extends AttemptLedger {
        @Override
        void skipped(ChatTurn turn, int index, LlmConfigView config, Admission.Skipped skip) {
            booked.add("skipped " + config.model());
            turn.attempts().add(new AttemptSummary(config.id(), config.provider(), config.model(), skip.errorClass().wireName(), null, skip.reason()));
        }

        @Override
        void answered(ChatTurn turn, Hop hop, Usage usage) {
            booked.add("answered " + hop.config().model());
        }

        @Override
        void failed(ChatTurn turn, Hop hop, ErrorClass errorClass, UpstreamFailure failure, boolean lastTry) {
            booked.add("failed " + hop.config().model() + " " + errorClass.wireName());
            turn.attempts().add(new AttemptSummary(hop.config().id(), "openai", hop.config().model(), errorClass.wireName(), failure.status(), null));
        }

        @Override
        void settle(Hop hop, long inputTokens, long outputTokens) {
        }
    }

    /** Answers each model as scripted, synchronously (the real adapters call back from the HTTP client's thread). */
    static final class ScriptedAdapter extends StubAdapter {
        final Map<String, java.util.function.Consumer<StreamListener>> scripts = new java.util.HashMap<>();
        final List<String> calls = new ArrayList<>();
        Endpoint alternative;

        void script(String model, java.util.function.Consumer<StreamListener> answer) {
            scripts.put(model, answer);
        }

        @Override
        public StreamHandle stream(UpstreamCall call, StreamListener listener) {
            calls.add(call.model());
            scripts.getOrDefault(call.model(), l -> l.onFailure(new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, "unscripted")))
                    .accept(listener);
            return () -> { };
        }

        @Override
        public Endpoint alternativeTo(Endpoint failed) {
            return alternative == failed ? null : alternative;
        }
    }

    static final class RecordingSink implements ChatSink {
        final List<String> events = new ArrayList<>();
        boolean failOnDelta;

        @Override
        public void attempt(int hop, LlmConfigView config, Endpoint endpoint) {
            events.add("attempt " + hop + " " + config.model());
        }

        @Override
        public void fallback(long fromConfigId, long toConfigId, ErrorClass errorClass, String message) {
            events.add("fallback " + fromConfigId + "->" + toConfigId + " " + errorClass.wireName());
        }

        @Override
        public void flush() {
            // nothing waits in a recording
        }

        @Override
        public void delta(String text) {
            if (failOnDelta) {
                throw new IllegalStateException("a bug in a sink");
            }
            events.add("delta " + text);
        }

        @Override
        public void done(LlmConfigView config, int hop, Usage usage) {
            events.add("done " + hop + " " + config.model());
        }

        @Override
        public void error(ErrorClass errorClass, String message, List<AttemptSummary> attempts) {
            events.add("error " + errorClass.wireName());
        }

        @Override
        public void onClientGone(Runnable action) {
        }
    }

    /** The container's invocation context, reduced to what an around-invoke interceptor uses. */
    static final class CallOf implements InvocationContext {
        private final AttemptRunner runner;
        private Object[] parameters;

        CallOf(AttemptRunner runner, ChatTurn turn) {
            this.runner = runner;
            this.parameters = new Object[] {turn, null};
        }

        @Override
        public Object proceed() {
            return runner.run((ChatTurn) parameters[0], (Hop) parameters[1]);
        }

        @Override
        public Object[] getParameters() {
            return parameters;
        }

        @Override
        public void setParameters(Object[] params) {
            this.parameters = params;
        }

        @Override
        public Object getTarget() {
            return runner;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Method getMethod() {
            return null;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Map<String, Object> getContextData() {
            return Map.of();
        }
    }
}
