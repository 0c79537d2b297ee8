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
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.llmgate.catalog.control.ConnectionReport;
import org.llmgate.catalog.control.ProviderCatalog;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.ProviderRegistry;

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
    ProviderCatalog catalog;

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
        ProviderAdapter adapter = catalog.adapter(provider);
        long id = credentialId(credentialId);
        if (refresh != null && !refresh.equals("true") && !refresh.equals("false")) {
            throw ProblemException.invalidField("refresh", "must be true or false");
        }
        return catalog.models(adapter, id, "true".equals(refresh)).thenApply(listing -> CatalogAnswer.of(adapter.id(), listing));
    }

    @POST
    @Path("{provider}/test-connection")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<ConnectionReport> testConnection(@PathParam("provider") String provider, String body) {
        ProviderAdapter adapter = catalog.adapter(provider);
        return catalog.check(adapter, JsonFields.parse(body));
    }

    private static long credentialId(String credentialId) {
        if (credentialId == null || credentialId.isBlank()) {
            throw ProblemException.invalidField("credentialId", "is required: the models are listed with a credential's key");
        }
        try {
            return Long.parseLong(credentialId.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("credentialId", "must be a whole number");
        }
    }
}
