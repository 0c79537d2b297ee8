package org.llmgate.resilience;

import java.time.Instant;
import java.util.Objects;
import org.llmgate.providers.ErrorClass;

/**
 * A breaker changed state (or an open breaker's cooldown was extended: {@code from == to == OPEN}).
 * The wiring layer persists {@link #after()} and raises the admin notification on
 * {@link #newPermanentTrip()}.
 *
 * @param newPermanentTrip a scope that was not permanently open now is: SPEC §5's high-priority
 *                         notification. A failed probe of an already-tripped key re-opens it every
 *                         cooldown; notifying each time would bury the admin, so it is not "new".
 * @param after            the state after the transition, ready to be written as-is
 * @param failedCall       the call whose failure caused the transition; null when none did (a probe
 *                         handed out, a success) or the caller did not say
 */
public record BreakerTransition(BreakerState from, BreakerState to, boolean newPermanentTrip, BreakerSnapshot after,
                                FailedCall failedCall) {

    public BreakerTransition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(after, "after");
    }

    public ScopeKey scope() {
        return after.scope();
    }

    /** The class that opened the breaker; null when it closed. */
    public ErrorClass cause() {
        return after.cause();
    }

    public String reason() {
        return after.reason();
    }

    public Instant openUntil() {
        return after.openUntil();
    }

    /** Whether the cause was a permanent class (auth, credit, model_not_found). */
    public boolean permanent() {
        return after.permanent();
    }
}
