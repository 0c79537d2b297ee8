package org.llmgate.resilience.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.llmgate.resilience.BreakerRegistry;
import org.llmgate.resilience.BreakerTransition;

/** Persists breaker transitions (filled in by the breakers issue); for now, memory only. */
@ApplicationScoped
public class BreakerStore {

    void attach(BreakerRegistry registry) {
        // restored from circuit_states once persistence lands
    }

    void onTransition(BreakerTransition transition) {
        // persisted once persistence lands
    }
}
