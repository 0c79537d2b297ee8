package org.llmgate.resilience;

/** Resilience4j's names: closed lets calls through, open refuses them, half-open lets one probe through. */
public enum BreakerState {
    CLOSED,
    OPEN,
    HALF_OPEN
}
