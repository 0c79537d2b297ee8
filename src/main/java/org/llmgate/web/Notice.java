package org.llmgate.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.llmgate.resilience.store.Notification;

/** An admin notification as the screens show it (SPEC §8). */
public record Notice(long id, String severity, String title, String message, Long organizationId,
                     Long credentialId, Instant createdAt, Instant acknowledgedAt) {

    private static final Set<String> URGENT = Set.of("high", "critical", "error", "urgent");
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static Notice of(Notification n) {
        return new Notice(n.id() == null ? 0L : n.id(), n.severity(), n.title(), n.message(), n.organizationId(),
                n.credentialId(), n.createdAt(), n.acknowledgedAt());
    }

    /** High priority: a permanent breaker trip (bad key, no credit, SPEC §5) and the like. */
    public boolean isUrgent() {
        return severity != null && URGENT.contains(severity.toLowerCase(Locale.ROOT));
    }

    public String getWhen() {
        return when(createdAt);
    }

    public boolean isAcknowledged() {
        return acknowledgedAt != null;
    }

    /** An instant as admins read it. */
    static String when(Instant instant) {
        return instant == null ? null : WHEN.format(instant);
    }
}
