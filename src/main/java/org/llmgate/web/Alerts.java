package org.llmgate.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The banner every page shows while a high-priority notification is unacknowledged (a dead key
 * must be noticed at a glance, not found on the health page days later).
 */
@Named
@SignedIn
@RequestScoped
public class Alerts {

    @Inject
    AdminApi api;

    private List<Notice> urgent;

    public List<Notice> getUrgent() {
        if (urgent == null) {
            urgent = api.tryGet("admin/notifications?unacknowledged=true")
                    .filter(AdminApi.Reply::ok)
                    .map(reply -> notices(reply.json() instanceof JsonArray a ? a
                            : reply.object().getJsonArray("notifications")))
                    .orElse(List.of())
                    .stream().filter(n -> n.isUrgent() && !n.isAcknowledged()).toList();
        }
        return urgent;
    }

    static List<Notice> notices(JsonArray array) {
        if (array == null) {
            return List.of();
        }
        return array.stream().filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                .map(v -> Notice.of((JsonObject) v)).toList();
    }
}
