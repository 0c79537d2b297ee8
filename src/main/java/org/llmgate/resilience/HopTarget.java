package org.llmgate.resilience;

import java.util.List;
import java.util.Objects;

/**
 * What one hop of the chain would call: the provider and credential, the effective base URL (the
 * credential's, else the provider's default), the model, and whether the model is free
 * ({@link FreeModels#isFree}).
 */
public record HopTarget(String provider, long credentialId, String baseUrl, String model, boolean free) {

    public HopTarget {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
    }

    public ScopeKey credentialScope() {
        return ScopeKey.credential(provider, credentialId);
    }

    public ScopeKey creditScope() {
        return ScopeKey.credit(provider, credentialId);
    }

    public ScopeKey endpointScope() {
        return ScopeKey.endpoint(baseUrl);
    }

    public ScopeKey modelScope() {
        return ScopeKey.model(provider, credentialId, model);
    }

    /**
     * Every scope whose breaker or retirement can block this target. A free model is outside the
     * credit scope: the 402 incident taught that an empty balance must not take the free models
     * on the same key down with the paid ones (SPEC intro, §5).
     */
    public List<ScopeKey> scopes() {
        return free
                ? List.of(credentialScope(), endpointScope(), modelScope())
                : List.of(credentialScope(), creditScope(), endpointScope(), modelScope());
    }
}
