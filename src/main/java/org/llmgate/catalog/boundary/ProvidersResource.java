package org.llmgate.catalog.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.llmgate.catalog.control.CatalogCache;
import org.llmgate.catalog.control.ConnectionReport;
import org.llmgate.catalog.control.ConnectionCheck;
import org.llmgate.config.control.ConfigCache;
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
 * The providers an admin can pick from, their live model lists and the test of a key + model
 * (SPEC §8). Both upstream answers are awaited without holding a request thread.
 */
@Path("admin/llm-providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProvidersResource {

    @Inject
    ProviderRegistry registry;
    @Inject
    ConfigCache configs;
    @Inject
    CatalogCache catalogs;
    @Inject
    ConnectionCheck connectionCheck;

    public record ProviderInfo(String id, String name, String defaultBaseUrl, boolean requiresApiKey) {
    }

    @GET
    public List<ProviderInfo> list() {
        return registry.all().stream()
                .map(p -> new ProviderInfo(p.id(), p.displayName(), p.defaultBaseUrl(), p.requiresApiKey()))
                .toList();
    }

    /** The credential's model list; {@code refresh=true} asks the provider now instead of within the TTL. */
    @GET
    @Path("{provider}/models")
    public CompletionStage<CatalogAnswer> models(@PathParam("provider") String provider,
                                                 @QueryParam("credentialId") String credentialId,
                                                 @QueryParam("refresh") String refresh) {
        ProviderAdapter adapter = adapter(provider);
        RuntimeCredential credential = credential(credentialId, adapter);
        if (refresh != null && !refresh.equals("true") && !refresh.equals("false")) {
            throw ProblemException.invalidField("refresh", "must be true or false");
        }
        return catalogs.models(adapter, credential, "true".equals(refresh)).handle((listing, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(CatalogAnswer.of(adapter.id(), listing));
            }
            return CompletableFuture.<CatalogAnswer>failedFuture(unavailable(adapter, credential, error));
        }).thenCompose(answer -> answer);
    }

    private static final java.util.Set<String> TEST_CONNECTION_FIELDS = java.util.Set.of("credentialId", "apiKey", "baseUrl", "model");

    @POST
    @Path("{provider}/test-connection")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<ConnectionReport> testConnection(@PathParam("provider") String provider, String body) {
        ProviderAdapter adapter = adapter(provider);
        JsonFields fields = JsonFields.parse(body).allowOnly(TEST_CONNECTION_FIELDS);
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
        } else if (apiKey != null && !org.llmgate.config.control.KeyVault.isHeaderSafe(apiKey)) {
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
                // a stored key only ever travels to its stored base URL (SPEC §8): anything else would
                // let whoever reaches this call send the key to a host of their choosing
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

    private static String effectiveUrl(RuntimeCredential credential, ProviderAdapter adapter) {
        return credential.baseUrl() != null ? credential.baseUrl() : adapter.defaultBaseUrl();
    }

    private static boolean sameUrl(String given, String stored) {
        return stored != null && stripSlash(given).equals(stripSlash(stored));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private ProviderAdapter adapter(String provider) {
        return registry.find(provider).orElseThrow(() -> new ProblemException(404, "Not found",
                "unknown provider '" + Redaction.redact(provider) + "'; known: " + registry.ids(), List.of()));
    }

    private RuntimeCredential credential(String credentialId, ProviderAdapter adapter) {
        if (credentialId == null || credentialId.isBlank()) {
            throw ProblemException.invalidField("credentialId", "is required: the models are listed with a credential's key");
        }
        long id;
        try {
            id = Long.parseLong(credentialId.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("credentialId", "must be a whole number");
        }
        RuntimeCredential credential = stored(id);
        if (credential == null) {
            throw ProblemException.notFound("credential", id);
        }
        if (!credential.provider().equals(adapter.id())) {
            throw ProblemException.invalidField("credentialId",
                    "credential " + id + " is for provider " + credential.provider() + ", not " + adapter.id());
        }
        return credential;
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
