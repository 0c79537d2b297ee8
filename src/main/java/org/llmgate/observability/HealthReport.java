package org.llmgate.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.llmgate.learning.boundary.ModelHintsResource;
import org.llmgate.learning.store.ModelHintsTable;
import org.llmgate.learning.store.ModelHintView;
import org.llmgate.platform.persistence.DatabaseProbe;
import org.llmgate.resilience.boundary.BreakerView;
import org.llmgate.resilience.store.HopGuard;
import org.llmgate.resilience.store.Notification;
import org.llmgate.resilience.store.Notifications;

/**
 * What {@code GET /api/admin/health} shows. Breakers come from memory; hints and notifications from
 * the database, and while it is down, as they were last read: the admin still sees what broke.
 */
@ApplicationScoped
public class HealthReport {

    @Inject
    HopGuard breakers;
    @Inject
    ModelHintsTable hints;
    @Inject
    Notifications notifications;
    @Inject
    DatabaseProbe database;

    private volatile List<ModelHintView> lastHints = List.of();
    private volatile List<Notification> lastNotifications = List.of();

    public record Health(List<BreakerView> breakers, List<ModelHintView> hints, List<Notification> notifications,
                         String database) {
        public boolean databaseUp() {
            return "up".equals(database);
        }
    }

    public Health now(String hintSort) {
        List<BreakerView> views = BreakerView.all(breakers.snapshots());
        // the sort is checked first: a bad one is the client's 400 whatever the database does
        ModelHintsResource.matrix(List.of(), hintSort);
        boolean up = database.up();
        if (up) {
            try {
                lastHints = ModelHintsResource.matrix(hints, hintSort);
                lastNotifications = notifications.list(true, 50);
            } catch (IllegalStateException e) {
                up = false;
            }
        }
        List<ModelHintView> shownHints = up ? lastHints : ModelHintsResource.matrix(lastHints, hintSort);
        return new Health(views, shownHints, lastNotifications, up ? "up" : "down");
    }
}
