package org.llmgate.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A credential's requests-per-minute and tokens-per-minute limits (SPEC §2), kept locally as two
 * token buckets that refill continuously. Its purpose is the incident's second lesson: a fallback
 * key must not be burnt by prompts the provider would refuse with 429 anyway, so a hop whose
 * prompt does not fit the remaining budget is skipped without a call (SPEC §5).
 *
 * <p>Local means per instance: in a cluster each instance may spend the whole budget. That errs
 * towards calling and letting the provider's 429 (and the model breaker) have the last word.
 * Thread-safe; the time is passed in.
 */
public final class TokenBudget {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Integer requestsPerMinute;
    private final Long tokensPerMinute;

    // guarded by this; buckets start full, as a provider's limits do after a quiet minute
    private double requests;
    private double tokens;
    private Instant refilledAt;

    /** Either limit may be null: unlimited. */
    public TokenBudget(Integer requestsPerMinute, Long tokensPerMinute, Instant now) {
        if (requestsPerMinute != null && requestsPerMinute <= 0) {
            throw new IllegalArgumentException("requestsPerMinute must be positive");
        }
        if (tokensPerMinute != null && tokensPerMinute <= 0) {
            throw new IllegalArgumentException("tokensPerMinute must be positive");
        }
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.requests = requestsPerMinute == null ? 0 : requestsPerMinute;
        this.tokens = tokensPerMinute == null ? 0 : tokensPerMinute;
        this.refilledAt = Objects.requireNonNull(now, "now");
    }

    public static TokenBudget unlimited(Instant now) {
        return new TokenBudget(null, null, now);
    }

    public Integer requestsPerMinute() {
        return requestsPerMinute;
    }

    public Long tokensPerMinute() {
        return tokensPerMinute;
    }

    public boolean hasLimits(Integer rpm, Long tpm) {
        return Objects.equals(requestsPerMinute, rpm) && Objects.equals(tokensPerMinute, tpm);
    }

    /** Whether one request of {@code promptTokens} would go over either limit now. No side effect. */
    public synchronized boolean wouldExceed(long promptTokens, Instant now) {
        refill(now);
        return !fits(promptTokens);
    }

    /** Takes one request and {@code promptTokens} when both fit; otherwise takes nothing. */
    public synchronized boolean tryConsume(long promptTokens, Instant now) {
        refill(now);
        if (!fits(promptTokens)) {
            return false;
        }
        requests -= 1;
        tokens -= promptTokens;
        return true;
    }

    /** Gives back a consumption that did not lead to a call (a later check skipped the hop). */
    public synchronized void refund(long promptTokens, Instant now) {
        refill(now);
        if (requestsPerMinute != null) {
            requests = Math.min(requestsPerMinute, requests + 1);
        }
        if (tokensPerMinute != null) {
            tokens = Math.min(tokensPerMinute, tokens + promptTokens);
        }
    }

    /**
     * Charges tokens known only afterwards (the answer's output tokens, or the difference between
     * the estimate and the provider's usage). May go below zero: the provider counted them too.
     */
    public synchronized void charge(long extraTokens, Instant now) {
        refill(now);
        if (tokensPerMinute != null) {
            tokens = Math.min(tokensPerMinute, tokens - extraTokens);
        }
    }

    /** Tokens left now, or null when unlimited. */
    public synchronized Long remainingTokens(Instant now) {
        refill(now);
        return tokensPerMinute == null ? null : (long) Math.floor(tokens);
    }

    /** Requests left now, or null when unlimited. */
    public synchronized Integer remainingRequests(Instant now) {
        refill(now);
        return requestsPerMinute == null ? null : (int) Math.floor(requests);
    }

    private boolean fits(long promptTokens) {
        boolean requestFits = requestsPerMinute == null || requests >= 1;
        boolean tokensFit = tokensPerMinute == null || tokens >= promptTokens;
        return requestFits && tokensFit;
    }

    private void refill(Instant now) {
        if (!now.isAfter(refilledAt)) {
            return; // a clock that steps back must not drain or overfill the bucket
        }
        double minutes = (double) Duration.between(refilledAt, now).toNanos() / MINUTE.toNanos();
        if (requestsPerMinute != null) {
            requests = Math.min(requestsPerMinute, requests + minutes * requestsPerMinute);
        }
        if (tokensPerMinute != null) {
            tokens = Math.min(tokensPerMinute, tokens + minutes * tokensPerMinute);
        }
        refilledAt = now;
    }
}
