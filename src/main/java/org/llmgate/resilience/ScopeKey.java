package org.llmgate.resilience;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.llmgate.platform.BoundedMemo;

/**
 * Names one failure scope. {@link #id()} is the primary key of the {@code circuit_states} row, so
 * it must be stable across versions and instances: {@code credential|openrouter|12},
 * {@code credit|openrouter|12}, {@code endpoint|https://openrouter.ai/api/v1},
 * {@code model|openrouter|12|vendor/x:free}.
 *
 * <p>Only the fields a scope uses are set; the others are null. Providers are lower-cased and base
 * URLs normalised (see {@link #normalizeBaseUrl}) so that two configs pointing at the same server
 * share one endpoint breaker.
 */
public record ScopeKey(FailureScope scope, String provider, Long credentialId, String baseUrl, String model) {

    private static final String SEP = "|";
    /**
     * Every hop builds its target's scope keys several times (retirements, breakers), and parsing
     * the base URL was the costliest part of it (issue 16's profile). Base URLs are few, one per
     * credential; once about this many are kept (concurrent first calls may add a few more), the
     * rest are normalised each time.
     */
    static final int MAX_NORMALIZED_BASE_URLS = 1024;
    private static final BoundedMemo<String, String> NORMALIZED_BASE_URLS =
            new BoundedMemo<>(MAX_NORMALIZED_BASE_URLS, ScopeKey::normalizeUncached);

    public ScopeKey {
        Objects.requireNonNull(scope, "scope");
        if (scope == FailureScope.ENDPOINT) {
            baseUrl = normalizeBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
            if (baseUrl.isEmpty()) {
                throw new IllegalArgumentException("empty baseUrl");
            }
            provider = null;
            credentialId = null;
            model = null;
        } else {
            provider = normalizeProvider(provider);
            Objects.requireNonNull(credentialId, "credentialId");
            baseUrl = null;
            if (scope == FailureScope.MODEL) {
                Objects.requireNonNull(model, "model");
                if (model.isEmpty()) {
                    throw new IllegalArgumentException("empty model");
                }
            } else {
                model = null;
            }
        }
    }

    public static ScopeKey credential(String provider, long credentialId) {
        return new ScopeKey(FailureScope.CREDENTIAL, provider, credentialId, null, null);
    }

    public static ScopeKey credit(String provider, long credentialId) {
        return new ScopeKey(FailureScope.CREDIT, provider, credentialId, null, null);
    }

    public static ScopeKey endpoint(String baseUrl) {
        return new ScopeKey(FailureScope.ENDPOINT, null, null, baseUrl, null);
    }

    public static ScopeKey model(String provider, long credentialId, String model) {
        return new ScopeKey(FailureScope.MODEL, provider, credentialId, null, model);
    }

    /** The canonical, stable text form; {@link #parse(String)} reads it back. */
    public String id() {
        return switch (scope) {
            case CREDENTIAL, CREDIT -> scope.wireName() + SEP + provider + SEP + credentialId;
            case ENDPOINT -> scope.wireName() + SEP + baseUrl;
            // the model goes last and is read with a split limit: model ids are free text
            case MODEL -> scope.wireName() + SEP + provider + SEP + credentialId + SEP + model;
        };
    }

    public static ScopeKey parse(String id) {
        Objects.requireNonNull(id, "id");
        int bar = id.indexOf(SEP);
        if (bar < 0) {
            throw new IllegalArgumentException("not a scope id: " + id);
        }
        FailureScope scope;
        try {
            scope = FailureScope.fromWireName(id.substring(0, bar));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a scope id: " + id, e);
        }
        String rest = id.substring(bar + 1);
        try {
            return switch (scope) {
                case ENDPOINT -> endpoint(rest);
                case CREDENTIAL, CREDIT -> {
                    String[] parts = rest.split("\\|", -1);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("not a scope id: " + id);
                    }
                    yield new ScopeKey(scope, parts[0], Long.parseLong(parts[1]), null, null);
                }
                case MODEL -> {
                    String[] parts = rest.split("\\|", 3);
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("not a scope id: " + id);
                    }
                    yield model(parts[0], Long.parseLong(parts[1]), parts[2]);
                }
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a scope id: " + id, e);
        }
    }

    @Override
    public String toString() {
        return id();
    }

    private static String normalizeProvider(String provider) {
        Objects.requireNonNull(provider, "provider");
        String p = provider.trim().toLowerCase(Locale.ROOT);
        if (p.isEmpty() || p.contains(SEP)) {
            throw new IllegalArgumentException("bad provider: " + provider);
        }
        return p;
    }

    /**
     * Trailing slashes dropped, scheme and host lower-cased: {@code https://API.openai.com/v1/} and
     * {@code https://api.openai.com/v1} are one server. The path keeps its case (it is
     * case-sensitive on most servers).
     */
    static String normalizeBaseUrl(String baseUrl) {
        return NORMALIZED_BASE_URLS.get(baseUrl);
    }

    /** How many base URLs are remembered normalised (for tests). */
    static int normalizedBaseUrlsKept() {
        return NORMALIZED_BASE_URLS.size();
    }

    private static String normalizeUncached(String baseUrl) {
        String url = baseUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                String head = uri.getScheme() + "://" + uri.getRawAuthority();
                String lowered = head.toLowerCase(Locale.ROOT);
                // the authority may carry user-info; only the case of scheme and host matters here
                return lowered + url.substring(head.length());
            }
        } catch (IllegalArgumentException e) {
            // not a URI we understand: keep the trimmed text, it is still a stable key
        }
        return url;
    }
}
