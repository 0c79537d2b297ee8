package org.llmgate.resilience;

/**
 * Receives breaker transitions, after the breaker's lock is released, on the thread that caused
 * them. Implementations should hand persistence off the request path (SPEC §10: the hot path does
 * not wait on the database).
 */
@FunctionalInterface
public interface BreakerListener {

    BreakerListener NONE = transition -> { };

    void onTransition(BreakerTransition transition);
}
