package org.llmgate.resilience.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.resilience.store.Notification;
import org.llmgate.resilience.store.Notifications;

/** Admin notifications, newest first, and their acknowledgement (SPEC §8). */
@Path("admin/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    @Inject
    Notifications notifications;

    @GET
    public List<Notification> list(@QueryParam("unacknowledged") boolean unacknowledgedOnly) {
        return notifications.list(unacknowledgedOnly, 200);
    }

    @POST
    @Path("{id}/ack")
    public Notification acknowledge(@PathParam("id") long id) {
        return notifications.acknowledge(id).orElseThrow(() -> ProblemException.notFound("notification", id));
    }
}
