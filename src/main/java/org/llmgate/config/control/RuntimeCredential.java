package org.llmgate.config.control;

/**
 * A credential ready for upstream calls, decrypted once per cache load. Lives only in memory;
 * {@link #toString()} leaves the key out so it can never reach a log line.
 */
public record RuntimeCredential(long id, long organizationId, String provider, String label, String baseUrl,
                                Integer requestsPerMinute, Integer tokensPerMinute, String apiKey) {

    @Override
    public String toString() {
        return "RuntimeCredential[id=" + id + ", provider=" + provider + ", label=" + label + ", baseUrl=" + baseUrl + "]";
    }
}
