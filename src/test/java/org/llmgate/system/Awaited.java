package org.llmgate.system;

import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Things llmgate writes off the request path, awaited with a bound. */
final class Awaited {

    private Awaited() {
    }

    static List<JsonObject> notificationsFor(Llmgate llmgate, long credentialId, int atLeast) {
        AtomicReference<List<JsonObject>> found = new AtomicReference<>(List.of());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.set(llmgate.api.get("admin/notifications").array().stream().map(v -> v.asJsonObject())
                    .filter(n -> !n.isNull("credentialId") && n.getJsonNumber("credentialId").longValue() == credentialId)
                    .toList());
            return found.get().size() >= atLeast;
        });
        return found.get();
    }
}
