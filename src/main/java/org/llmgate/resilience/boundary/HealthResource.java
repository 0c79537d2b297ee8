package org.llmgate.resilience.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import org.llmgate.learning.boundary.ModelHintsResource;
import org.llmgate.learning.store.HintStore;
import org.llmgate.learning.store.ModelHintView;
import org.llmgate.resilience.BreakerState;
import org.llmgate.resilience.store.Breakers;
import org.llmgate.resilience.store.Notification;
import org.llmgate.resilience.store.Notifications;

/** {@code GET /api/admin/health}: what broke and why (SPEC §8). Open breakers come first. */
@Path("admin/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    Breakers breakers;
    @Inject
    HintStore hints;
    @Inject
    Notifications notifications;

    public record Health(List<BreakerView> breakers, List<ModelHintView> hints, List<Notification> notifications) {
    }

    @GET
    public Health health(@QueryParam("sort") String hintSort) {
        List<BreakerView> views = breakers.snapshots().stream()
                .sorted(Comparator.comparing((org.llmgate.resilience.BreakerSnapshot s) -> s.state() == BreakerState.CLOSED)
                        .thenComparing(s -> s.scope().id()))
                .map(BreakerView::of).toList();
        return new Health(views, ModelHintsResource.matrix(hints, hintSort), notifications.list(true, 50));
    }
}
