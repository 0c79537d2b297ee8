package org.llmgate.observability;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/admin/health}: what broke and why (SPEC §8). Open breakers come first. 200 while
 * the database is up, 503 with the same body (and {@code database: "down"}) while it is not, so a
 * load balancer or monitor sees the outage while chats go on.
 */
@Path("admin/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    HealthReport report;

    @GET
    public Response health(@QueryParam("sort") String hintSort) {
        HealthReport.Health health = report.now(hintSort);
        return Response.status(health.databaseUp() ? 200 : 503).entity(health).build();
    }
}
