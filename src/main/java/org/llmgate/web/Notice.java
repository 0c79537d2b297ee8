package org.llmgate.web;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Set;

/** An admin notification as GET /api/admin/notifications shows it (SPEC §8). */
public record Notice(long id, String severity, String title, String message, Long organizationId,
                     Long credentialId, String createdAt, String acknowledgedAt) {

    private static final Set<String> URGENT = Set.of("high", "critical", "error", "urgent");

    static Notice of(JsonObject json) {
        return new Notice(Json2.longOr(json, "id", 0L), Json2.text(json, "severity"), Json2.text(json, "title"),
                Json2.text(json, "message"), Json2.longOr(json, "organizationId", null),
                Json2.longOr(json, "credentialId", null), Json2.text(json, "createdAt"), Json2.text(json, "acknowledgedAt"));
    }

    /** High priority: a permanent breaker trip (bad key, no credit, SPEC §5) and the like. */
    public boolean isUrgent() {
        return severity != null && URGENT.contains(severity.toLowerCase(Locale.ROOT));
    }

    public String getWhen() {
        return Json2.when(createdAt);
    }

    public boolean isAcknowledged() {
        return acknowledgedAt != null;
    }

    /** Small JSON reading helpers shared by the health views. */
    static final class Json2 {
        private Json2() {
        }

        static String text(JsonObject json, String name) {
            JsonValue value = json.get(name);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            return value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        }

        static Long longOr(JsonObject json, String name, Long fallback) {
            JsonValue value = json.get(name);
            return value instanceof JsonNumber n ? Long.valueOf(n.longValue()) : fallback;
        }

        private static final java.time.format.DateTimeFormatter WHEN =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

        /** An ISO instant as admins read it; anything else as it came. */
        static String when(String instant) {
            if (instant == null) {
                return null;
            }
            try {
                return WHEN.format(java.time.OffsetDateTime.parse(instant).toInstant());
            } catch (java.time.format.DateTimeParseException e) {
                return instant;
            }
        }

        static boolean bool(JsonObject json, String name) {
            return json.get(name) == JsonValue.TRUE;
        }
    }
}
