package org.llmgate.catalog.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.ProviderRegistry;

/** The providers an admin can pick from (SPEC §8). */
@Path("admin/llm-providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProvidersResource {

    @Inject
    ProviderRegistry registry;

    public record ProviderInfo(String id, String name, String defaultBaseUrl, boolean requiresApiKey) {
    }

    @GET
    public List<ProviderInfo> list() {
        return registry.all().stream()
                .map(p -> new ProviderInfo(p.id(), p.displayName(), p.defaultBaseUrl(), p.requiresApiKey()))
                .toList();
    }
}
