package org.llmgate.catalog.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.io.StringReader;
import java.util.List;
import org.llmgate.catalog.control.SaveWarnings;
import org.llmgate.config.control.CrudService;

/**
 * Adds {@code warnings: [...]} to a successful POST/PUT answer of an admin resource when the save
 * found something to tell (e.g. an llm-config whose model the provider's catalog does not list).
 * Only then, and only there: GET answers keep exactly the fields of SPEC §8.
 */
@Provider
public class SaveWarningsFilter implements ContainerResponseFilter {

    @Inject
    SaveWarnings warnings;
    @Context
    Providers providers;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (!("POST".equals(method) || "PUT".equals(method)) || response.getStatus() / 100 != 2
                || !(response.getEntity() instanceof CrudService.Identified saved)) {
            return;
        }
        List<String> found = warnings.all();
        if (found.isEmpty()) {
            return;
        }
        ContextResolver<Jsonb> resolver = providers.getContextResolver(Jsonb.class, MediaType.APPLICATION_JSON_TYPE);
        String json = resolver.getContext(saved.getClass()).toJson(saved);
        JsonObject body = Json.createObjectBuilder(Json.createReader(new StringReader(json)).readObject())
                .add("warnings", Json.createArrayBuilder(found))
                .build();
        response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }
}
