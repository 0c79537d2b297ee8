package org.llmgate.learning;

import java.util.Locale;
import java.util.Objects;

/**
 * One model of one provider: hints are per provider + model, not per key, because what a model
 * accepts (its endpoint, its parameters) does not depend on whose key calls it.
 */
public record HintKey(String provider, String modelId) {

    public HintKey {
        provider = Objects.requireNonNull(provider, "provider").trim().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(modelId, "modelId");
        if (provider.isEmpty() || modelId.isEmpty()) {
            throw new IllegalArgumentException("provider and modelId are required");
        }
    }
}
