package org.llmgate.chat.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.budget.control.BudgetDecision;
import org.llmgate.budget.control.Pricing;
import org.llmgate.budget.control.Reservation;
import org.llmgate.chat.entity.AttemptRecord;
import org.llmgate.chat.entity.AttemptRecord.Outcome;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.learning.HintAdmission;
import org.llmgate.learning.HintKey;
import org.llmgate.providers.Endpoint;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.StreamHandle;
import org.llmgate.providers.StreamListener;
import org.llmgate.providers.UpstreamCall;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.Usage;
import org.llmgate.resilience.FreeModels;
import org.llmgate.resilience.HopDecision;
import org.llmgate.resilience.HopDemand;
import org.llmgate.resilience.HopTarget;
import org.llmgate.resilience.RequestRetirements;
import org.llmgate.resilience.SkipReason;
import org.llmgate.resilience.TokenEstimator;

/**
 * One chat walking its chain. A fallback fires only before the first token reaches the client;
 * after it, a failure ends the stream with an error (the incident: never a silent truncation and
 * never a 200 with nothing in it). Callbacks for one exchange never run concurrently: the adapter
 * serializes its listener calls and the next hop starts from inside the previous one's callback.
 */
final class ChatExchange implements StreamListener {

    private static final Logger LOG = Logger.getLogger(ChatExchange.class.getName());

    private final ChatRelay relay;
    private final ChatPlan plan;
    private final ChatSink sink;
    private final long promptTokens;
    private final RequestRetirements retirements = new RequestRetirements();
    private final List<AttemptSummary> attempts = new ArrayList<>();

    /** Volatile: {@link #cancel} reads it from the client's thread to settle the hop's budget reservation. */
    private volatile Hop hop;
    private boolean firstTokenSent;
    private Problem lastProblem;
    /** After context_length_exceeded only a config with a larger window may take the prompt. */
    private Integer exceededWindow;
    private volatile boolean cancelled;
    private boolean finished;
    private volatile StreamHandle handle;
    /** The student-readable text of the last budget that refused a hop (SPEC §11). */
    private String budgetMessage;
    /** Characters relayed from the hop in flight: usage is estimated from them when a provider reports none. */
    private volatile long hopChars;

    /** The hop in flight. */
    private record Hop(int index, LlmConfigView config, RuntimeCredential credential, ProviderAdapter adapter,
                       HopTarget target, HintKey hint, Endpoint endpoint, Set<Endpoint> tried, long startedNanos,
                       Reservation reservation) {

        /** The same model on its other endpoint keeps the hop's budget reservation. */
        Hop on(Endpoint other) {
            Set<Endpoint> all = EnumSet.copyOf(tried);
            all.add(other);
            return new Hop(index, config, credential, adapter, target, hint, other, all, System.nanoTime(), reservation);
        }
    }

    /** Why the previous hop did not answer, for the fallback notice. */
    /** What made the last hop fail; students see only its class's generic text (SPEC §10). */
    private record Problem(long configId, ErrorClass errorClass) {
    }

    ChatExchange(ChatRelay relay, ChatPlan plan, ChatSink sink) {
        this.relay = relay;
        this.plan = plan;
        this.sink = sink;
        this.promptTokens = TokenEstimator.estimate(plan.messages());
    }

    void start() {
        guarded(() -> walkFrom(0));
    }

    void cancel() {
        cancelled = true;
        StreamHandle running = handle;
        if (running != null) {
            running.cancel();
        }
        Hop current = hop;
        if (current != null) {
            // the provider may still bill what it streamed before the client left
            settle(current, promptTokens, tokensOf(hopChars));
        }
    }

    private void walkFrom(int position) {
        for (int index = position; index < plan.chain().size(); index++) {
            if (cancelled) {
                return;
            }
            Optional<Hop> admitted = admit(index, plan.chain().get(index));
            if (admitted.isPresent()) {
                if (lastProblem != null) {
                    // students read this toast: the class's generic text, never the upstream's
                    sink.fallback(lastProblem.configId(), admitted.get().config().id(), lastProblem.errorClass(),
                            lastProblem.errorClass().studentText());
                }
                if (!cancelled) {
                    launch(admitted.get());
                }
                return;
            }
        }
        finishWithError();
    }

    private Optional<Hop> admit(int index, LlmConfigView config) {
        Instant now = relay.clock().instant();
        RuntimeCredential credential = plan.credentials().get(config.credentialId());
        ProviderAdapter adapter = relay.providers.find(config.provider()).orElse(null);
        if (credential == null || adapter == null) {
            skip(index, config, ErrorClass.BAD_REQUEST, "misconfigured", "credential or provider missing");
            return Optional.empty();
        }
        String baseUrl = credential.baseUrl() != null ? credential.baseUrl() : adapter.defaultBaseUrl();
        boolean free = FreeModels.isFree(config.model(), config.inputCentsPerMillion(), config.outputCentsPerMillion());
        HopTarget target = new HopTarget(config.provider(), credential.id(), baseUrl, config.model(), free);
        if (exceededWindow != null && (config.contextWindow() == null || config.contextWindow() <= exceededWindow)) {
            skip(index, config, ErrorClass.CONTEXT_LENGTH_EXCEEDED, "context_window",
                    "needs a context window larger than " + exceededWindow);
            return Optional.empty();
        }
        Optional<Reservation> reservation = reserve(index, config);
        if (reservation.isEmpty()) {
            return Optional.empty();
        }
        HintKey hint = new HintKey(config.provider(), config.model());
        HintAdmission hintAdmission = relay.hints.book().admit(hint, now);
        HopDecision decision = relay.breakers.decide(target,
                new HopDemand(promptTokens, config.maxOutputTokens(), config.contextWindow()),
                retirements, hintAdmission == HintAdmission.BLACKLISTED, credential, now);
        if (!decision.admitted()) {
            if (hintAdmission == HintAdmission.PROBE) {
                relay.hints.book().releaseProbe(hint);
            }
            relay.budgets.settle(reservation.get(), java.math.BigDecimal.ZERO, 0);
            skip(index, config, classOfSkip(decision, lastProblem), decision.skipReason().name().toLowerCase(java.util.Locale.ROOT),
                    decision.message());
            return Optional.empty();
        }
        Endpoint endpoint = relay.hints.book().endpointFor(hint, adapter.defaultEndpoint());
        return Optional.of(new Hop(index, config, credential, adapter, target, hint, endpoint,
                EnumSet.of(endpoint), System.nanoTime(), reservation.get()));
    }

    /**
     * SPEC §11: the hop's worst case against every budget of the chat. A refusal skips the hop like a
     * retired credit scope, so a free model later in the chain still answers.
     */
    private Optional<Reservation> reserve(int index, LlmConfigView config) {
        BudgetDecision decision = relay.budgets.admit(plan.payer(), config, promptTokens);
        if (decision instanceof BudgetDecision.Refused refused) {
            budgetMessage = refused.message();
            skip(index, config, ErrorClass.BUDGET_EXHAUSTED, "budget", "budget " + refused.budgetId() + ": " + refused.message());
            return Optional.empty();
        }
        return Optional.of(((BudgetDecision.Granted) decision).reservation());
    }

    private void launch(Hop next) {
        hop = next;
        hopChars = 0;
        LlmConfigView config = next.config();
        sink.attempt(next.index(), config, next.endpoint());
        if (cancelled) {
            // the client left while we wrote: no upstream call nobody will read (and pay for)
            settle(next, 0, 0);
            return;
        }
        UpstreamCall call = new UpstreamCall(
                new ProviderAccess(next.target().baseUrl(), next.credential().apiKey()),
                config.model(), next.endpoint(), plan.messages(), config.temperature(), config.maxOutputTokens(),
                relay.firstByteTimeout(), relay.idleTimeout());
        handle = next.adapter().stream(call, this);
        if (cancelled) {
            handle.cancel();
        }
    }

    @Override
    public void onDelta(String text) {
        guarded(() -> relayDelta(text));
    }

    @Override
    public void onComplete(Usage usage) {
        Hop current = hop;
        if (current != null && current.reservation().holdsBudgets()) {
            // settling a budget is a database round trip: never on the upstream client's I/O thread,
            // which serves every other stream; done follows the settlement, as without budgets
            relay.upstream.callbacks().execute(() -> guarded(() -> complete(usage)));
            return;
        }
        guarded(() -> complete(usage));
    }

    @Override
    public void onFailure(UpstreamFailure failure) {
        guarded(() -> fail(failure));
    }

    private void relayDelta(String text) {
        if (cancelled) {
            return;
        }
        firstTokenSent = true;
        hopChars += text.length();
        sink.delta(text);
    }

    private void complete(Usage usage) {
        Instant now = relay.clock().instant();
        Hop done = hop;
        // SPEC §11: a provider that reports no usage is estimated (characters / 4) and marked so
        boolean estimated = usage.inputTokens() == 0 && usage.outputTokens() == 0;
        Usage spent = estimated ? new Usage(promptTokens, tokensOf(hopChars)) : usage;
        record(done, Outcome.SUCCESS, null, null, spent, estimated, now);
        settle(done, spent.inputTokens(), spent.outputTokens());
        relay.breakers.recordSuccess(done.target(), now);
        relay.breakers.chargeOutput(done.credential(), usage.outputTokens(), now);
        relay.hints.book().recordSuccess(done.hint(), done.endpoint(), now);
        if (!cancelled) {
            finished = true;
            sink.done(done.config(), done.index(), usage);
        }
    }

    private void fail(UpstreamFailure failure) {
        Instant now = relay.clock().instant();
        Hop failed = hop;
        ErrorClass errorClass = firstTokenSent ? ErrorClass.STREAM_INTERRUPTED : failure.errorClass();
        // a failure before any token is not billed by providers; after some, what streamed is estimated
        Usage spent = firstTokenSent ? new Usage(promptTokens, tokensOf(hopChars)) : null;
        record(failed, Outcome.FAILURE, errorClass, failure.status(), spent, spent != null, now);
        Endpoint again = errorClass == ErrorClass.ENDPOINT_UNSUPPORTED && !firstTokenSent && !cancelled
                ? failed.adapter().alternativeTo(failed.endpoint()) : null;
        if (again == null || failed.tried().contains(again)) {
            settle(failed, spent == null ? 0 : spent.inputTokens(), spent == null ? 0 : spent.outputTokens());
        }
        relay.breakers.recordFailure(failed.target(), errorClass, failure.retryAfter(), now,
                        failure.status(), failure.getMessage())
                .filter(r -> r.withinRequest())
                .ifPresent(retirements::retire);
        relay.hints.book().recordError(failed.hint(), failed.endpoint(), errorClass, failure.getMessage(), now);
        attempts.add(new AttemptSummary(failed.config().id(), failed.config().provider(), failed.config().model(),
                errorClass.wireName(), failure.status(), null));
        lastProblem = new Problem(failed.config().id(), errorClass);
        if (cancelled) {
            return;
        }
        if (firstTokenSent || !errorClass.fallsBack()) {
            finishWithError();
            return;
        }
        if (errorClass == ErrorClass.ENDPOINT_UNSUPPORTED) {
            // SPEC §6: the same model on its other endpoint before any fallback
            Endpoint other = failed.adapter().alternativeTo(failed.endpoint());
            if (other != null && !failed.tried().contains(other)) {
                launch(failed.on(other));
                return;
            }
        }
        if (errorClass == ErrorClass.CONTEXT_LENGTH_EXCEEDED) {
            Integer window = failed.config().contextWindow();
            exceededWindow = window == null ? (int) Math.min(Integer.MAX_VALUE, promptTokens) : window;
        }
        walkFrom(failed.index() + 1);
    }

    private void skip(int index, LlmConfigView config, ErrorClass errorClass, String reason, String detail) {
        String why = reason + ": " + detail;
        relay.recorder.record(new AttemptRecord(plan.requestId(), index, config.id(), config.provider(), config.model(),
                null, Outcome.SKIPPED, errorClass.wireName(), null, why.length() <= 300 ? why : why.substring(0, 299) + "…",
                null, null, null, relay.clock().instant(), plan.payer(), null, false, false));
        attempts.add(new AttemptSummary(config.id(), config.provider(), config.model(), errorClass.wireName(), null, reason));
        if (lastProblem == null || index == 0) {
            // scope ids, base URLs and breaker details stay in attempts and health
            lastProblem = new Problem(config.id(), errorClass);
        }
    }

    private void record(Hop h, Outcome outcome, ErrorClass errorClass, Integer status, Usage usage, boolean estimated,
                        Instant now) {
        Pricing pricing = Pricing.of(h.config());
        relay.recorder.record(new AttemptRecord(plan.requestId(), h.index(), h.config().id(), h.config().provider(),
                h.config().model(), h.endpoint().wireName(), outcome, errorClass == null ? null : errorClass.wireName(),
                status, null, (System.nanoTime() - h.startedNanos()) / 1_000_000,
                usage == null ? null : usage.inputTokens(), usage == null ? null : usage.outputTokens(), now,
                plan.payer(), usage == null ? java.math.BigDecimal.ZERO : pricing.cents(usage.inputTokens(), usage.outputTokens()),
                estimated, pricing.unpriced()));
    }

    /** Replaces the hop's reservation by its real usage (SPEC §11); only the first call per reservation counts. */
    private void settle(Hop h, long inputTokens, long outputTokens) {
        relay.budgets.settle(h.reservation(), Pricing.of(h.config()).cents(inputTokens, outputTokens), inputTokens + outputTokens);
    }

    private void finishWithError() {
        if (cancelled || finished) {
            return;
        }
        finished = true;
        AttemptSummary last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        ErrorClass errorClass = last == null ? ErrorClass.BAD_REQUEST : ErrorClass.fromWireName(last.errorClass());
        String message = errorClass == ErrorClass.BUDGET_EXHAUSTED && budgetMessage != null ? budgetMessage
                : firstTokenSent
                ? "The answer was interrupted: " + studentText(lastProblem)
                : "No configured model could answer: " + errorClass.studentText() + " (" + attempts.size() + " hop" + (attempts.size() == 1 ? "" : "s")
                        + " tried; last: " + errorClass.wireName() + ")";
        sink.error(errorClass, message, List.copyOf(attempts));
    }

    /**
     * A bug in llmgate must still end the stream with an error event: a callback that throws on
     * the HTTP client's thread would otherwise leave the client waiting forever.
     */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Chat " + plan.requestId() + " failed inside llmgate", e);
            if (!finished && !cancelled) {
                finished = true;
                StreamHandle running = handle;
                if (running != null) {
                    running.cancel();
                }
                sink.error(ErrorClass.UPSTREAM_ERROR, "llmgate could not relay this answer", List.copyOf(attempts));
            }
        }
    }

    /** SPEC §11: characters / 4, rounded up, for a provider that reported no usage. */
    private static long tokensOf(long chars) {
        return (chars + 3) / 4;
    }

    private static String studentText(Problem problem) {
        return problem == null ? ErrorClass.STREAM_INTERRUPTED.studentText() : problem.errorClass().studentText();
    }

    /**
     * A skipped hop names the class it stands for (for a breaker, the class that opened it), so the
     * error event still speaks §4; a scope retired in this request names this request's last problem.
     */
    private static ErrorClass classOfSkip(HopDecision decision, Problem earlier) {
        return decision.skipReason() == SkipReason.SCOPE_RETIRED && earlier != null ? earlier.errorClass() : decision.errorClass();
    }
}
