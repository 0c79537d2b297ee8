package org.llmgate.resilience;

import java.util.Objects;
import org.llmgate.providers.ErrorClass;

/**
 * What one failure retires: the scope, the class that caused it, whether the cause is permanent
 * (the breaker opens at once for the long cooldown and an admin is notified), and whether later
 * hops of the same request covered by the scope are skipped without a call.
 */
public record Retirement(ScopeKey scope, ErrorClass cause, boolean permanent, boolean withinRequest) {

    public Retirement {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(cause, "cause");
    }
}
