package org.llmgate.resilience;

import java.time.Duration;
import java.util.Objects;
import org.llmgate.providers.ErrorClass;

/**
 * The breaker numbers, immutable and in one place (the Resilience4j way). The wiring layer fills
 * it from MicroProfile Config ({@code llmgate.breaker.*}); {@link #defaults()} is what runs when
 * nothing is set.
 *
 * @param permanentCooldown     how long auth_error and credit_exhausted keep a scope open (SPEC §5: 15 min)
 * @param modelNotFoundCooldown how long model_not_found keeps a model open: a removed model rarely comes back
 * @param failureThreshold      transient failures within {@code failureWindow} that open a scope
 * @param failureWindow         the window those failures are counted in
 * @param transientCooldown     the first cooldown of a transient trip, doubled on each further trip
 * @param maxTransientCooldown  the cap of that doubling
 * @param halfOpenProbeTimeout  a probe that never reports back frees the slot after this long, so
 *                              a crashed request cannot keep a scope half-open forever
 * @param maxRetryAfter         the longest Retry-After honoured (SPEC §5: 3600 s); a larger one counts as
 *                              this: a {@code Retry-After: 1000000000} once locked a model until 2058
 */
public record BreakerConfig(
        Duration permanentCooldown,
        Duration modelNotFoundCooldown,
        int failureThreshold,
        Duration failureWindow,
        Duration transientCooldown,
        Duration maxTransientCooldown,
        Duration halfOpenProbeTimeout,
        Duration maxRetryAfter) {

    public static final Duration DEFAULT_PERMANENT_COOLDOWN = Duration.ofMinutes(15);
    public static final Duration DEFAULT_MODEL_NOT_FOUND_COOLDOWN = Duration.ofMinutes(60);
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    public static final Duration DEFAULT_FAILURE_WINDOW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TRANSIENT_COOLDOWN = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_TRANSIENT_COOLDOWN = Duration.ofMinutes(10);
    public static final Duration DEFAULT_HALF_OPEN_PROBE_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(1);

    /** The seven numbers of the first version, with the default Retry-After cap. */
    public BreakerConfig(Duration permanentCooldown, Duration modelNotFoundCooldown, int failureThreshold,
                         Duration failureWindow, Duration transientCooldown, Duration maxTransientCooldown,
                         Duration halfOpenProbeTimeout) {
        this(permanentCooldown, modelNotFoundCooldown, failureThreshold, failureWindow, transientCooldown,
                maxTransientCooldown, halfOpenProbeTimeout, DEFAULT_MAX_RETRY_AFTER);
    }

    public BreakerConfig {
        positive(permanentCooldown, "permanentCooldown");
        positive(modelNotFoundCooldown, "modelNotFoundCooldown");
        positive(failureWindow, "failureWindow");
        positive(transientCooldown, "transientCooldown");
        positive(maxTransientCooldown, "maxTransientCooldown");
        positive(halfOpenProbeTimeout, "halfOpenProbeTimeout");
        positive(maxRetryAfter, "maxRetryAfter");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        if (maxTransientCooldown.compareTo(transientCooldown) < 0) {
            throw new IllegalArgumentException("maxTransientCooldown below transientCooldown");
        }
    }

    public static BreakerConfig defaults() {
        return new BreakerConfig(DEFAULT_PERMANENT_COOLDOWN, DEFAULT_MODEL_NOT_FOUND_COOLDOWN,
                DEFAULT_FAILURE_THRESHOLD, DEFAULT_FAILURE_WINDOW, DEFAULT_TRANSIENT_COOLDOWN,
                DEFAULT_MAX_TRANSIENT_COOLDOWN, DEFAULT_HALF_OPEN_PROBE_TIMEOUT);
    }

    /** A provider's Retry-After as honoured: at most {@link #maxRetryAfter}. */
    public Duration capRetryAfter(Duration retryAfter) {
        return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }

    /** The cooldown of a permanent trip caused by {@code cause}. */
    public Duration permanentCooldownFor(ErrorClass cause) {
        return cause == ErrorClass.MODEL_NOT_FOUND ? modelNotFoundCooldown : permanentCooldown;
    }

    /**
     * The cooldown of the {@code trip}-th transient trip in a row (1-based): 30 s, 60 s, 120 s …
     * capped. Backing off keeps a flapping upstream from being probed every 30 s all night.
     */
    public Duration transientCooldownFor(int trip) {
        int doublings = Math.max(0, Math.min(trip - 1, 30));
        Duration cooldown = transientCooldown;
        for (int i = 0; i < doublings && cooldown.compareTo(maxTransientCooldown) < 0; i++) {
            cooldown = cooldown.multipliedBy(2);
        }
        return cooldown.compareTo(maxTransientCooldown) > 0 ? maxTransientCooldown : cooldown;
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
