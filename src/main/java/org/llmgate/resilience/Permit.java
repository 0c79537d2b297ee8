package org.llmgate.resilience;

/** The answer of a breaker to "may I call?". */
public enum Permit {
    /** Closed: call. */
    ALLOWED,
    /** The cooldown has passed and this caller is the one probe: call, and report the outcome. */
    PROBE,
    /** Open, or another caller holds the probe: skip without a call. */
    DENIED;

    public boolean mayCall() {
        return this != DENIED;
    }
}
