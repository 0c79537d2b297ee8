package org.llmgate.learning;

/** Whether the hint book lets a model be called. */
public enum HintAdmission {
    /** Not blacklisted. */
    ALLOWED,
    /** Blacklisted, but the recovery period has passed and this caller is the one probe. */
    PROBE,
    /** Blacklisted: skip the hop without a call. */
    BLACKLISTED
}
