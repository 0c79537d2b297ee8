package org.llmgate.providers;

/**
 * Where and with what key to reach a provider. The base URL follows the official SDK convention
 * (SPEC §2). {@link #toString()} never shows the key, so an access can be logged safely.
 */
public record ProviderAccess(String baseUrl, String apiKey) {

    @Override
    public String toString() {
        return "ProviderAccess[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }
}
