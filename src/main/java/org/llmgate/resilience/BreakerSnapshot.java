package org.llmgate.resilience;

import java.time.Instant;
import java.util.Objects;

/**
 * A breaker's persisted state: one {@code circuit_states} row. Written on every transition and read
 * back at start-up and from other cluster members, so that breakers survive a restart and are
 * shared (SPEC §5).
 *
 * @param reason    error class wire name and short text, e.g. {@code auth_error: permanent, cooldown 15m}; null when closed
 * @param openUntil end of the cooldown; null when closed
 * @param permanent whether the scope is open (or probing) for a permanent cause: auth, credit, model_not_found
 * @param trips     transient trips in a row, for the backoff; 0 is a safe value when not stored
 * @param version   grows with every transition; the higher version wins when states are merged
 * @param updatedAt when the transition happened; breaks version ties and, for a half-open state,
 *                  is when the probe started
 */
public record BreakerSnapshot(
        ScopeKey scope,
        BreakerState state,
        String reason,
        Instant openUntil,
        boolean permanent,
        int trips,
        long version,
        Instant updatedAt) {

    public BreakerSnapshot {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (state == BreakerState.OPEN) {
            Objects.requireNonNull(openUntil, "openUntil of an open breaker");
        }
    }

    /** Whether this state should replace {@code other}: higher version, then later update. */
    public boolean isNewerThan(BreakerSnapshot other) {
        if (version != other.version) {
            return version > other.version;
        }
        return updatedAt.isAfter(other.updatedAt);
    }
}
