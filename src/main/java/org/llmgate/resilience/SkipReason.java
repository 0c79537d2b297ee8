package org.llmgate.resilience;

/** Why a hop was skipped without a call. */
public enum SkipReason {
    /** A breaker of one of the hop's scopes is open (or its probe is taken). */
    BREAKER_OPEN,
    /** An earlier hop of this request retired a scope that covers this one. */
    SCOPE_RETIRED,
    /** The prompt plus the answer's room does not fit the model's context window. */
    CONTEXT_WINDOW,
    /** The prompt does not fit the credential's remaining requests or tokens per minute. */
    TOKEN_BUDGET,
    /** The model is blacklisted (learned or by an admin, SPEC §6). */
    BLACKLISTED
}
