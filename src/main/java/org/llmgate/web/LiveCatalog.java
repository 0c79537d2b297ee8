package org.llmgate.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** A credential's live model list (GET /api/admin/llm-providers/{provider}/models), for the pickers. */
@ApplicationScoped
public class LiveCatalog {

    @Inject
    AdminApi api;

    /** The models, or why there are none: {@code stale} when the provider was down and the cache answered. */
    public record Listing(List<ModelChoice> models, boolean stale, String error) {
        public List<ModelChoice> matching(String query, int limit) {
            String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
            return models.stream()
                    .filter(m -> q.isEmpty() || m.id().toLowerCase(Locale.ROOT).contains(q)
                            || m.name() != null && m.name().toLowerCase(Locale.ROOT).contains(q))
                    .limit(limit).toList();
        }

        public ModelChoice find(String id) {
            return models.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
        }
    }

    public Listing of(String provider, long credentialId) {
        AdminApi.Reply reply;
        try {
            reply = api.get("admin/llm-providers/" + URLEncoder.encode(provider, StandardCharsets.UTF_8)
                    + "/models?credentialId=" + credentialId);
        } catch (IllegalStateException e) {
            return new Listing(List.of(), false, "The catalog could not be asked: " + e.getMessage());
        }
        if (!reply.ok()) {
            return new Listing(List.of(), false, reply.status() == 404 && reply.object().isEmpty()
                    ? "This server has no live catalog yet: type the model id" : reply.detail());
        }
        JsonObject answer = reply.object();
        JsonArray models = answer.getJsonArray("models");
        return new Listing(models == null ? List.of()
                : models.getValuesAs(JsonObject.class).stream().map(ModelChoice::of).toList(),
                answer.getBoolean("stale", false), null);
    }
}
