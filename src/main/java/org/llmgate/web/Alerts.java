package org.llmgate.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.llmgate.resilience.store.Notifications;

/**
 * The banner every page shows while a high-priority notification is unacknowledged (a dead key
 * must be noticed at a glance, not found on the health page days later).
 */
@Named
@SignedIn
@RequestScoped
public class Alerts {

    @Inject
    Notifications notifications;

    private List<Notice> urgent;

    public List<Notice> getUrgent() {
        if (urgent == null) {
            urgent = unacknowledged().stream().filter(Notice::isUrgent).toList();
        }
        return urgent;
    }

    /** No banner rather than no page while the database is away (the health page says why). */
    private List<Notice> unacknowledged() {
        try {
            return notifications.list(true, 200).stream().map(Notice::of).filter(n -> !n.isAcknowledged()).toList();
        } catch (RuntimeException databaseAway) {
            return List.of();
        }
    }
}
