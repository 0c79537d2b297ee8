package org.llmgate.resilience;

/**
 * What a hop would ask of its model: the estimated prompt ({@link TokenEstimator}), the config's
 * max output tokens and the model's context window (both nullable: not configured / unknown).
 */
public record HopDemand(long promptTokens, Integer maxOutputTokens, Integer contextWindow) {

    public HopDemand {
        if (promptTokens < 0) {
            throw new IllegalArgumentException("promptTokens must not be negative");
        }
    }
}
