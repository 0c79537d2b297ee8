package org.llmgate.resilience;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.llmgate.providers.ErrorClass;

/**
 * The one place that decides whether a hop of the chain is called or skipped without a call
 * (SPEC §5). The checks without side effects run first, cheapest first; the two that take
 * something (the budget, the breaker probe) run last and give back what they took when the other
 * says no.
 *
 * <p>Blacklisting lives in {@code org.llmgate.learning}: the caller asks the hint book first and
 * passes {@code blacklisted}. If the hint book handed out its recovery probe and this hop is then
 * skipped for another reason, the caller gives that probe back.
 */
public final class HopAdmission {

    /**
     * Room kept for the answer when the config sets no max output tokens. Without any room a
     * prompt that exactly fills the window would be "admitted" and then fail; 1024 tokens is a
     * long chat answer yet small next to today's 8k–200k windows, so it rarely skips a hop that
     * would have worked.
     */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 1024;

    private final BreakerRegistry breakers;

    public HopAdmission(BreakerRegistry breakers) {
        this.breakers = Objects.requireNonNull(breakers, "breakers");
    }

    /**
     * @param retired     this request's retirements
     * @param blacklisted whether the hint book refused the model
     * @param budget      the credential's budget, or null when it has no limits
     */
    public HopDecision decide(HopTarget target, HopDemand demand, RequestRetirements retired,
                              boolean blacklisted, TokenBudget budget, Instant now) {
        Optional<Retirement> retirement = retired.covering(target);
        if (retirement.isPresent()) {
            return HopDecision.skip(SkipReason.SCOPE_RETIRED, retirement.get().cause(),
                    retirement.get().scope().id() + " failed earlier in this request");
        }
        if (blacklisted) {
            return HopDecision.skip(SkipReason.BLACKLISTED, ErrorClass.MODEL_NOT_FOUND, target.model() + " is blacklisted");
        }
        Optional<Breaker> open = breakers.denyingBreaker(target, now);
        if (open.isPresent()) {
            return breakerSkip(open.get());
        }
        Optional<String> tooLarge = contextWindowProblem(demand);
        if (tooLarge.isPresent()) {
            return HopDecision.skip(SkipReason.CONTEXT_WINDOW, ErrorClass.CONTEXT_LENGTH_EXCEEDED, tooLarge.get());
        }
        if (budget != null && !budget.tryConsume(demand.promptTokens(), now)) {
            // the credential's own rate limit, kept by llmgate instead of the provider
            return HopDecision.skip(SkipReason.TOKEN_BUDGET, ErrorClass.RATE_LIMITED, "about " + demand.promptTokens()
                    + " prompt tokens exceed the credential's remaining budget (" + remaining(budget, now) + ")");
        }
        Permit permit = breakers.tryAcquire(target, now);
        if (permit == Permit.DENIED) {
            // lost a race for a probe since the peek above
            if (budget != null) {
                budget.refund(demand.promptTokens(), now);
            }
            return breakers.denyingBreaker(target, now).map(HopAdmission::breakerSkip)
                    .orElse(HopDecision.skip(SkipReason.BREAKER_OPEN, ErrorClass.UPSTREAM_ERROR,
                            "another request is probing this upstream"));
        }
        return HopDecision.admit(permit);
    }

    /**
     * Why the prompt cannot fit the window, or empty when it fits or the window is unknown. The
     * window must hold the prompt and the answer: providers count max output tokens against it.
     */
    public static Optional<String> contextWindowProblem(HopDemand demand) {
        Integer window = demand.contextWindow();
        if (window == null || window <= 0) {
            return Optional.empty();
        }
        int output = demand.maxOutputTokens() != null && demand.maxOutputTokens() > 0
                ? demand.maxOutputTokens() : DEFAULT_MAX_OUTPUT_TOKENS;
        long needed = demand.promptTokens() + output;
        if (needed <= window) {
            return Optional.empty();
        }
        return Optional.of("about " + demand.promptTokens() + " prompt tokens + " + output
                + " output tokens exceed the context window of " + window);
    }

    private static HopDecision breakerSkip(Breaker breaker) {
        BreakerSnapshot s = breaker.snapshot();
        String until = s.state() == BreakerState.OPEN ? " until " + s.openUntil() : " (probe in flight)";
        ErrorClass cause = s.cause() == null ? ErrorClass.UPSTREAM_ERROR : s.cause();
        return HopDecision.skip(SkipReason.BREAKER_OPEN, cause, s.scope().id() + " open" + until
                + (s.reason() == null ? "" : ": " + s.reason()));
    }

    private static String remaining(TokenBudget budget, Instant now) {
        Long tokens = budget.remainingTokens(now);
        Integer requests = budget.remainingRequests(now);
        StringBuilder text = new StringBuilder();
        if (tokens != null) {
            text.append(tokens).append(" tokens");
        }
        if (requests != null) {
            text.append(text.length() > 0 ? ", " : "").append(requests).append(" requests");
        }
        return text.append(" left this minute").toString();
    }
}
