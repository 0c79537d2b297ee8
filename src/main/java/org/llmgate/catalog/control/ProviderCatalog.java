package org.llmgate.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.config.control.KeyVault;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.HttpErrorClassifier;
import org.llmgate.providers.ProviderAccess;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.ProviderRegistry;
import org.llmgate.providers.Redaction;
import org.llmgate.providers.UpstreamFailure;

/**
 * What an admin asks of a provider (SPEC §8), for the REST resource and the screens alike: a
 * credential's live model list and the check of a key + model. Refusals are {@link ProblemException}s;
 * keys never leave here except towards their own provider.
 */
@ApplicationScoped
public class ProviderCatalog {

    private static final Set<String> CHECK_FIELDS = Set.of("credentialId", "apiKey", "baseUrl", "model");

    @Inject
    ProviderRegistry registry;
    @Inject
    ConfigCache configs;
    @Inject
    CatalogCache catalogs;
    @Inject
    ConnectionCheck connectionCheck;

    public ProviderAdapter adapter(String provider) {
        return registry.find(provider).orElseThrow(() -> new ProblemException(404, "Not found",
                "unknown provider '" + Redaction.redact(provider) + "'; known: " + registry.ids(), List.of()));
    }

    /** The stored credential's model list; fails with a 502/504 problem when there is none to serve, not even a stale one. */
    public CompletionStage<CatalogListing> models(ProviderAdapter adapter, long credentialId, boolean refresh) {
        RuntimeCredential credential = stored(credentialId);
        if (credential == null) {
            throw ProblemException.notFound("credential", credentialId);
        }
        if (!credential.provider().equals(adapter.id())) {
            throw ProblemException.invalidField("credentialId",
                    "credential " + credentialId + " is for provider " + credential.provider() + ", not " + adapter.id());
        }
        return catalogs.awaitModels(adapter, credential, refresh).handle((listing, error) -> error == null
                ? CompletableFuture.completedFuture(listing)
                : CompletableFuture.<CatalogListing>failedFuture(unavailable(adapter, credential, error)))
                .thenCompose(listing -> listing);
    }

    /**
     * Checks {@code credentialId} or {@code apiKey} (+ {@code baseUrl}) against {@code model}. A
     * stored key only ever travels to its stored base URL (SPEC §8): anything else would let whoever
     * reaches this call send the key to a host of their choosing.
     */
    public CompletionStage<ConnectionReport> check(ProviderAdapter adapter, JsonFields body) {
        JsonFields fields = body.allowOnly(CHECK_FIELDS);
        Long credentialId = fields.optionalId("credentialId");
        String apiKey = fields.optionalString("apiKey", 1000);
        String baseUrl = fields.optionalString("baseUrl", 500);
        String model = fields.requiredString("model", 300);
        if (credentialId != null && apiKey != null) {
            fields.fail("apiKey", "give credentialId or apiKey, not both");
        } else if (credentialId == null && apiKey == null && adapter.requiresApiKey()) {
            fields.fail("apiKey", "credentialId or apiKey is required for provider " + adapter.id());
        } else if (apiKey != null && apiKey.isBlank()) {
            fields.fail("apiKey", "must not be blank");
        } else if (apiKey != null && !KeyVault.isHeaderSafe(apiKey)) {
            fields.fail("apiKey", "contains a line break, control or non-Latin-1 character (pasted by mistake?)");
        }
        if (baseUrl != null && !isHttpUrl(baseUrl)) {
            fields.fail("baseUrl", "must be an absolute http(s) URL");
        }
        RuntimeCredential credential = null;
        if (credentialId != null) {
            credential = stored(credentialId);
            if (credential == null) {
                fields.fail("credentialId", "credential " + credentialId + " does not exist");
            } else if (!credential.provider().equals(adapter.id())) {
                fields.fail("credentialId", "credential " + credentialId + " is for provider " + credential.provider());
            } else if (baseUrl != null && !sameUrl(baseUrl, effectiveUrl(credential, adapter))) {
                fields.fail("baseUrl", "a stored key is only sent to its credential's base URL: omit baseUrl,"
                        + " or give apiKey instead of credentialId");
            }
        }
        String url = baseUrl != null ? baseUrl : credential != null ? credential.baseUrl() : null;
        if (url == null && adapter.defaultBaseUrl() == null) {
            fields.fail("baseUrl", "is required for provider " + adapter.id());
        }
        fields.validate();
        String key = apiKey != null ? apiKey : credential != null ? credential.apiKey() : null;
        return connectionCheck.run(adapter, new ProviderAccess(url, key), model);
    }

    /** The credential as the configuration cache holds it (a committed change is always visible there). */
    private RuntimeCredential stored(long id) {
        return configs.snapshot().credentials().get(id);
    }

    /** No list to serve, not even a stale one: 504 when the provider was too slow, else 502. */
    private static ProblemException unavailable(ProviderAdapter adapter, RuntimeCredential credential, Throwable error) {
        Throwable cause = HttpErrorClassifier.unwrap(error);
        UpstreamFailure failure = cause instanceof UpstreamFailure f ? f
                : new UpstreamFailure(ErrorClass.UPSTREAM_ERROR, "model list failed");
        int status = failure.errorClass() == ErrorClass.TIMEOUT ? 504 : 502;
        return new ProblemException(status, status == 504 ? "Gateway Timeout" : "Bad Gateway",
                Redaction.redact("the " + adapter.id() + " model list is unavailable and none was fetched before ("
                        + failure.errorClass().wireName() + "): " + failure.getMessage(), credential.apiKey()), List.of());
    }

    private static String effectiveUrl(RuntimeCredential credential, ProviderAdapter adapter) {
        return credential.baseUrl() != null ? credential.baseUrl() : adapter.defaultBaseUrl();
    }

    private static boolean sameUrl(String given, String stored) {
        return stored != null && stripSlash(given).equals(stripSlash(stored));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
