package org.llmgate.resilience.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.resilience.ScopeKey;
import org.llmgate.resilience.store.HopGuard;

/**
 * {@code GET /api/admin/breakers} and {@code POST /api/admin/breakers/reset} (SPEC §8): every breaker
 * this cluster remembers, and an admin's way to close one before its cooldown ends (a provider that
 * asked for an hour's pause but is back after a minute).
 */
@Path("admin/breakers")
@Produces(MediaType.APPLICATION_JSON)
public class BreakersResource {

    @Inject
    HopGuard breakers;

    @GET
    public List<BreakerView> list() {
        return BreakerView.all(breakers.snapshots());
    }

    @POST
    @Path("reset")
    @Consumes(MediaType.APPLICATION_JSON)
    public BreakerView reset(String body) {
        JsonFields fields = JsonFields.parse(body);
        String key = fields.requiredString("key", 1000);
        fields.validate();
        ScopeKey scope;
        try {
            scope = ScopeKey.parse(key);
        } catch (IllegalArgumentException notAKey) {
            throw ProblemException.notFound("breaker", key);
        }
        return breakers.reset(scope).map(BreakerView::of).orElseThrow(() -> ProblemException.notFound("breaker", key));
    }
}
