package org.llmgate.resilience;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scopes retired so far in one chat request (SPEC §5: a retired scope skips every later hop it
 * covers without a call). One instance per request; thread-safe because the relay's callbacks may
 * run on different threads one after the other.
 */
public final class RequestRetirements {

    /** The first retirement of each scope: its class is what a later skip of that scope stands for. */
    private final Map<ScopeKey, Retirement> retired = new ConcurrentHashMap<>();

    /** Retires the scope when the retirement applies within the request; returns whether it did. */
    public boolean retire(Retirement retirement) {
        if (!retirement.withinRequest()) {
            return false;
        }
        retired.putIfAbsent(retirement.scope(), retirement);
        return true;
    }

    /**
     * Whether a retired scope covers the target. A credit retirement does not cover a free target
     * because {@link HopTarget#scopes()} leaves the credit scope out for free models.
     */
    public boolean covers(HopTarget target) {
        return coveringScope(target).isPresent();
    }

    /** The retired scope that covers the target, for the skip reason. */
    public Optional<ScopeKey> coveringScope(HopTarget target) {
        return covering(target).map(Retirement::scope);
    }

    /** The retirement whose scope covers the target, with the class that caused it. */
    public Optional<Retirement> covering(HopTarget target) {
        if (retired.isEmpty()) {
            return Optional.empty(); // the usual case: no scope retired, no keys to build
        }
        for (ScopeKey scope : target.scopes()) {
            Retirement retirement = retired.get(scope);
            if (retirement != null) {
                return Optional.of(retirement);
            }
        }
        return Optional.empty();
    }

    public Set<ScopeKey> retired() {
        return Set.copyOf(retired.keySet());
    }
}
