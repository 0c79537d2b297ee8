package org.llmgate.providers;

/** Fills in a provider's official base URL when a credential gives none (SPEC §2). */
public final class AccessDefaults {

    private AccessDefaults() {
    }

    public static ProviderAccess withBaseUrl(ProviderAccess access, String defaultBaseUrl) {
        if (access == null) {
            return new ProviderAccess(defaultBaseUrl, null);
        }
        return access.baseUrl() == null || access.baseUrl().isBlank()
                ? new ProviderAccess(defaultBaseUrl, access.apiKey()) : access;
    }

    public static UpstreamCall withBaseUrl(UpstreamCall call, String defaultBaseUrl) {
        ProviderAccess access = withBaseUrl(call.access(), defaultBaseUrl);
        return access == call.access() ? call : new UpstreamCall(access, call.model(), call.endpoint(), call.messages(),
                call.temperature(), call.maxOutputTokens(), call.firstByteTimeout(), call.idleTimeout());
    }
}
