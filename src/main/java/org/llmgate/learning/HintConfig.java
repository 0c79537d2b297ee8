package org.llmgate.learning;

import java.time.Duration;
import java.util.Objects;

/**
 * The learning numbers in one place; the wiring layer fills them from MicroProfile Config
 * ({@code llmgate.learning.*}).
 *
 * @param blacklistAfterErrors the model's own errors, with no success ever, that blacklist it (SPEC §6: 5)
 * @param recoveryPeriod       how long an automatic blacklist holds before one probe is let through
 * @param probeTimeout         a probe that never reports back frees the slot after this long
 */
public record HintConfig(int blacklistAfterErrors, Duration recoveryPeriod, Duration probeTimeout) {

    public static final int DEFAULT_BLACKLIST_AFTER_ERRORS = 5;
    public static final Duration DEFAULT_RECOVERY_PERIOD = Duration.ofMinutes(30);
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofMinutes(2);

    public HintConfig {
        if (blacklistAfterErrors < 1) {
            throw new IllegalArgumentException("blacklistAfterErrors must be at least 1");
        }
        Objects.requireNonNull(recoveryPeriod, "recoveryPeriod");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        if (recoveryPeriod.isNegative() || probeTimeout.isNegative() || probeTimeout.isZero()) {
            throw new IllegalArgumentException("periods must be positive");
        }
    }

    public static HintConfig defaults() {
        return new HintConfig(DEFAULT_BLACKLIST_AFTER_ERRORS, DEFAULT_RECOVERY_PERIOD, DEFAULT_PROBE_TIMEOUT);
    }
}
