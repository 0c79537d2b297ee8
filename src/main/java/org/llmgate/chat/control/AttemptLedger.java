package org.llmgate.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import org.llmgate.budget.control.BudgetAdmission;
import org.llmgate.budget.control.Pricing;
import org.llmgate.chat.entity.AttemptRecord;
import org.llmgate.chat.entity.AttemptRecord.Outcome;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.learning.store.ModelLearning;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.UpstreamFailure;
import org.llmgate.providers.Usage;
import org.llmgate.resilience.store.HopGuard;

/**
 * What each hop's outcome leaves behind: its attempt row (written off the chat's path), its
 * breakers' and hints' lesson, the settlement of its budget reservation, and its line in the error
 * event's attempt list.
 */
@ApplicationScoped
public class AttemptLedger {

    @Inject
    AttemptRecorder recorder;
    @Inject
    HopGuard breakers;
    @Inject
    ModelLearning hints;
    @Inject
    BudgetAdmission budgets;

    Clock clock = Clock.systemUTC();

    void skipped(ChatTurn turn, int index, LlmConfigView config, Admission.Skipped skip) {
        String why = skip.reason() + ": " + skip.detail();
        ChatPlan plan = turn.plan();
        recorder.record(new AttemptRecord(plan.requestId(), index, config.id(), config.provider(), config.model(),
                null, Outcome.SKIPPED, skip.errorClass().wireName(), null, why.length() <= 300 ? why : why.substring(0, 299) + "…",
                null, null, null, clock.instant(), plan.payer(), null, false, false));
        turn.attempts().add(new AttemptSummary(config.id(), config.provider(), config.model(), skip.errorClass().wireName(),
                null, skip.reason()));
    }

    /** The hop answered: {@code usage} as the provider reported it (zero when it reported none). */
    void answered(ChatTurn turn, Hop hop, Usage usage) {
        Instant now = clock.instant();
        // SPEC §11: a provider that reports no usage is estimated (characters / 4) and marked so
        boolean estimated = usage.inputTokens() == 0 && usage.outputTokens() == 0;
        Usage spent = estimated ? new Usage(turn.promptTokens(), tokensOf(turn.hopChars())) : usage;
        record(turn, hop, Outcome.SUCCESS, null, null, spent, estimated, now);
        settle(hop, spent.inputTokens(), spent.outputTokens());
        breakers.recordSuccess(hop.target(), now);
        breakers.chargeOutput(hop.credential(), usage.outputTokens(), now);
        hints.book().recordSuccess(hop.hint(), hop.endpoint(), now);
    }

    /**
     * The hop failed with {@code errorClass}. {@code lastTry}: no other endpoint of the same model
     * follows, so its budget reservation is settled now.
     */
    void failed(ChatTurn turn, Hop hop, ErrorClass errorClass, UpstreamFailure failure, boolean lastTry) {
        Instant now = clock.instant();
        // a failure before any token is not billed by providers; after some, what streamed is estimated
        Usage spent = turn.firstTokenSent() ? new Usage(turn.promptTokens(), tokensOf(turn.hopChars())) : null;
        record(turn, hop, Outcome.FAILURE, errorClass, failure.status(), spent, spent != null, now);
        if (lastTry) {
            settle(hop, spent == null ? 0 : spent.inputTokens(), spent == null ? 0 : spent.outputTokens());
        }
        breakers.recordFailure(hop.target(), errorClass, failure.retryAfter(), now, failure.status(), failure.getMessage())
                .filter(r -> r.withinRequest())
                .ifPresent(turn.retirements()::retire);
        hints.book().recordError(hop.hint(), hop.endpoint(), errorClass, failure.getMessage(), now);
        turn.attempts().add(new AttemptSummary(hop.config().id(), hop.config().provider(), hop.config().model(),
                errorClass.wireName(), failure.status(), null));
    }

    /** The client left mid-hop: the provider may still bill what it streamed before. */
    void abandoned(ChatTurn turn) {
        Hop current = turn.hop();
        if (current != null) {
            settle(current, turn.promptTokens(), tokensOf(turn.hopChars()));
        }
    }

    /** Replaces the hop's reservation by its real usage (SPEC §11); only the first call per reservation counts. */
    void settle(Hop hop, long inputTokens, long outputTokens) {
        budgets.settle(hop.reservation(), Pricing.of(hop.config()).cents(inputTokens, outputTokens), inputTokens + outputTokens);
    }

    private void record(ChatTurn turn, Hop h, Outcome outcome, ErrorClass errorClass, Integer status, Usage usage,
                        boolean estimated, Instant now) {
        ChatPlan plan = turn.plan();
        Pricing pricing = Pricing.of(h.config());
        recorder.record(new AttemptRecord(plan.requestId(), h.index(), h.config().id(), h.config().provider(),
                h.config().model(), h.endpoint().wireName(), outcome, errorClass == null ? null : errorClass.wireName(),
                status, null, (System.nanoTime() - h.startedNanos()) / 1_000_000,
                usage == null ? null : usage.inputTokens(), usage == null ? null : usage.outputTokens(), now,
                plan.payer(), usage == null ? BigDecimal.ZERO : pricing.cents(usage.inputTokens(), usage.outputTokens()),
                estimated, pricing.unpriced()));
    }

    /** SPEC §11: characters / 4, rounded up, for a provider that reported no usage. */
    static long tokensOf(long chars) {
        return (chars + 3) / 4;
    }
}
