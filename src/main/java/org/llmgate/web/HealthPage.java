package org.llmgate.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.llmgate.config.control.Credentials;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.web.Notice.Json2;

/**
 * What broke and what llmgate learned (GET /api/admin/health): breakers, the model compatibility
 * matrix with blacklist / clear, and notifications to acknowledge.
 */
@Named
@SignedIn
@ViewScoped
public class HealthPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final List<String> ENDPOINTS = List.of("chat_completions", "responses", "messages");

    @Inject
    AdminApi api;
    @Inject
    Credentials credentials;

    public record Breaker(String key, String scope, String provider, String credential, String target, String state,
                          String reason, String openUntil) {
        public String getStateClass() {
            return "lg-badge lg-state-" + state.toLowerCase(Locale.ROOT);
        }

        public boolean isClosed() {
            return "CLOSED".equals(state);
        }
    }

    public record Hint(long id, String provider, String modelId, long successCount, long errorCount,
                       String lastErrorClass, String lastErrorMessage, Set<String> supported, Set<String> unsupported,
                       String preferred, boolean blacklisted, String blacklistReason) {
        /** ✓ works there, ✗ refused there, · not tried yet; ★ marks the learned preference. */
        public String cell(String endpoint) {
            String mark = supported.contains(endpoint) ? "✓" : unsupported.contains(endpoint) ? "✗" : "·";
            return endpoint.equals(preferred) ? mark + " ★" : mark;
        }
    }

    private transient JsonObject health;
    private transient String unavailable;
    private String blacklistReason;

    private JsonObject health() {
        if (health == null) {
            AdminApi.Reply reply = api.tryGet("admin/health").orElse(null);
            if (reply != null && reply.ok()) {
                health = reply.object();
                unavailable = null;
            } else if (reply != null && reply.status() == 503 && reply.object().containsKey("breakers")) {
                // the database is down: breakers are live, hints and notifications as last read
                health = reply.object();
                unavailable = "The database is not available: chats go on from the last configuration read;"
                        + " hints and notifications are shown as last read, and changes cannot be saved until it is back.";
            } else {
                health = JsonObject.EMPTY_JSON_OBJECT;
                unavailable = reply == null ? "The health data could not be read." : "The health data could not be read: " + reply.detail();
            }
        }
        return health;
    }

    public String getUnavailable() {
        health();
        return unavailable;
    }

    public List<Breaker> getBreakers() {
        return array("breakers").stream().map(b -> new Breaker(Json2.text(b, "key"), Json2.text(b, "scope"), Json2.text(b, "provider"),
                credentialLabel(Json2.longOr(b, "credentialId", null)),
                Json2.text(b, "model") != null ? Json2.text(b, "model") : Json2.text(b, "baseUrl"),
                String.valueOf(Json2.text(b, "state")), Json2.text(b, "reason"), Json2.when(Json2.text(b, "openUntil")))).toList();
    }

    public List<Hint> getHints() {
        return array("hints").stream().map(h -> new Hint(Json2.longOr(h, "id", 0L), Json2.text(h, "provider"),
                Json2.text(h, "modelId"), Json2.longOr(h, "successCount", 0L), Json2.longOr(h, "errorCount", 0L),
                Json2.text(h, "lastErrorClass"), Json2.text(h, "lastErrorMessage"), strings(h, "supportedEndpoints"),
                strings(h, "unsupportedEndpoints"), Json2.text(h, "preferredEndpoint"), Json2.bool(h, "blacklisted"),
                Json2.text(h, "blacklistReason"))).toList();
    }

    public List<Notice> getNotifications() {
        return array("notifications").stream().map(Notice::of).toList();
    }

    public List<String> getEndpoints() {
        return ENDPOINTS;
    }

    public void acknowledge(Notice notice) {
        act("admin/notifications/" + notice.id() + "/ack", null, "Acknowledged: " + notice.title());
    }

    public void blacklist(Hint hint) {
        String reason = blacklistReason == null || blacklistReason.isBlank() ? "blacklisted by an admin" : blacklistReason;
        act("admin/model-hints/" + hint.id() + "/blacklist", Json.createObjectBuilder().add("reason", reason).build(),
                "Blacklisted " + hint.modelId() + ": chats skip it until cleared");
        blacklistReason = null;
    }

    /** Closes a breaker before its cooldown ends, on every instance (SPEC §8). */
    public void reset(Breaker breaker) {
        act("admin/breakers/reset", Json.createObjectBuilder().add("key", breaker.key()).build(),
                "Reset: " + breaker.scope() + " breaker closed, the next chat calls it again");
    }

    public void clear(Hint hint) {
        act("admin/model-hints/" + hint.id() + "/clear", null, "Cleared " + hint.modelId() + ": it is tried again");
    }

    private void act(String path, JsonObject body, String done) {
        AdminApi.Reply reply = api.post(path, body == null ? JsonObject.EMPTY_JSON_OBJECT : body);
        if (reply.ok()) {
            Forms.info(done);
        } else {
            Forms.error(null, reply.detail());
        }
        health = null;
    }

    private String credentialLabel(Long id) {
        if (id == null) {
            return null;
        }
        try {
            return credentials.get(id).label();
        } catch (ProblemException gone) {
            return "credential " + id;
        }
    }

    private List<JsonObject> array(String name) {
        JsonValue value = health().get(name);
        return value instanceof JsonArray a ? a.getValuesAs(JsonObject.class) : List.of();
    }

    private static Set<String> strings(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonArray a
                ? a.stream().filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString()).collect(Collectors.toSet())
                : Set.of();
    }

    public String getBlacklistReason() {
        return blacklistReason;
    }

    public void setBlacklistReason(String blacklistReason) {
        this.blacklistReason = blacklistReason;
    }
}
