package org.llmgate.resilience;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One {@link TokenBudget} per credential id, replaced when an admin changes the limits. */
public final class TokenBudgets {

    private final ConcurrentMap<Long, TokenBudget> budgets = new ConcurrentHashMap<>();

    /**
     * The budget of a credential with these limits (either may be null: unlimited). When the
     * limits differ from the kept budget's, it starts over full with the new ones.
     */
    public TokenBudget forCredential(long credentialId, Integer requestsPerMinute, Long tokensPerMinute, Instant now) {
        return budgets.compute(credentialId, (id, current) ->
                current != null && current.hasLimits(requestsPerMinute, tokensPerMinute)
                        ? current
                        : new TokenBudget(requestsPerMinute, tokensPerMinute, now));
    }

    /** Forget a deleted credential. */
    public void remove(long credentialId) {
        budgets.remove(credentialId);
    }
}
