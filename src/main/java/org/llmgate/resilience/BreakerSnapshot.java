package org.llmgate.resilience;

import java.time.Instant;
import java.util.Objects;
import org.llmgate.providers.ErrorClass;

/**
 * A breaker's persisted state: one {@code circuit_states} row. Written on every transition and read
 * back at start-up and from other cluster members, so that breakers survive a restart and are
 * shared (SPEC §5).
 *
 * @param cause     the error class that opened the breaker, kept while it probes; null when closed,
 *                  and for a row written before the class had a column of its own and never re-tripped since
 * @param reason    for people: the class's wire name and short text, e.g. {@code auth_error: permanent, cooldown 15m};
 *                  null when closed
 * @param openUntil end of the cooldown; null when closed
 * @param permanent whether the scope is open (or probing) for a permanent cause: auth, credit, model_not_found
 * @param trips     transient trips in a row, for the backoff; 0 is a safe value when not stored
 * @param version   grows with every transition of one breaker; breaks ties of {@code updatedAt}.
 *                  Not needed in the database: 0 is fine for a state read back
 * @param updatedAt when the transition happened: the later state wins a merge; for a half-open
 *                  state it is also when the probe started
 */
public record BreakerSnapshot(
        ScopeKey scope,
        BreakerState state,
        ErrorClass cause,
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

    /**
     * A state read from a {@code circuit_states} row, which keeps no version or permanent flag:
     * permanence follows from the stored error class.
     */
    public static BreakerSnapshot fromRow(ScopeKey scope, BreakerState state, ErrorClass cause, String reason,
                                          Instant openUntil, int trips, Instant updatedAt) {
        boolean open = state != BreakerState.CLOSED;
        boolean permanent = open && cause != null && ScopeRules.isPermanent(cause);
        return new BreakerSnapshot(scope, state, open ? cause : null, reason, openUntil, permanent, trips, 0, updatedAt);
    }

    /**
     * Whether this state should replace {@code other}: the later transition wins, the version breaks
     * ties. Time first because the database keeps no version and instances share a clock closely
     * enough (NTP) for transitions that are seconds apart; a state read back after a round trip
     * through a microsecond column is never later than the one that wrote it.
     */
    public boolean isNewerThan(BreakerSnapshot other) {
        int byTime = updatedAt.compareTo(other.updatedAt);
        return byTime != 0 ? byTime > 0 : version > other.version;
    }
}
