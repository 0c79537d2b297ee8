package org.llmgate.resilience.store;

import java.time.Instant;

/** An admin notification as SPEC §8 shows it. Messages are built from redacted text only. */
public record Notification(Long id, String severity, String title, String message, Long organizationId,
                           Long credentialId, Instant createdAt, Instant acknowledgedAt) {
}
