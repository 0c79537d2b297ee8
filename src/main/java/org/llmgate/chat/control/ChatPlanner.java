package org.llmgate.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.llmgate.config.control.ChatTarget;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.config.control.ConfigSnapshot;
import org.llmgate.config.control.EffectiveConfigResolver;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.platform.security.Caller;
import org.llmgate.providers.ChatMessage;

/**
 * Turns a validated chat request into a {@link ChatPlan} from the config cache: everything that can
 * refuse the request does so here, with a 4xx, before any stream opens.
 */
@ApplicationScoped
public class ChatPlanner {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");
    private static final int MAX_MESSAGES = 500;

    @Inject
    ConfigCache cache;

    public ChatPlan plan(ChatTarget target, List<ChatMessage> messages, Caller caller) {
        ConfigSnapshot snapshot = cache.snapshot();
        EffectiveConfigResolver.Resolution resolution = EffectiveConfigResolver.resolve(snapshot, target);
        if (!caller.mayAccess(resolution.organizationId())) {
            // the same answer as for a target that does not exist: a token learns nothing of other organizations
            throw ProblemException.notFound(target.kind().wireName(), target.id());
        }
        if (!resolution.effective().configured()) {
            throw ProblemException.conflict(target + " has no LLM configuration (none on it, its course or its organization)");
        }
        return new ChatPlan(UUID.randomUUID().toString(), resolution.organizationId(), resolution.effective().chain(),
                snapshot.credentials(), messages, target.kind().wireName());
    }

    /**
     * Reads {@code messages}: roles system, user, assistant (OpenAI's "developer" counts as system);
     * content a string or OpenAI content parts of type text.
     */
    public static List<ChatMessage> messages(JsonFields fields) {
        JsonValue value = fields.json().get("messages");
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            fields.fail("messages", "must be a non-empty array of {role, content}");
            return List.of();
        }
        JsonArray array = value.asJsonArray();
        if (array.isEmpty() || array.size() > MAX_MESSAGES) {
            fields.fail("messages", "must hold 1 to " + MAX_MESSAGES + " messages");
            return List.of();
        }
        List<ChatMessage> messages = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String field = "messages[" + i + "]";
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                fields.fail(field, "must be an object {role, content}");
                continue;
            }
            JsonObject message = array.getJsonObject(i);
            String role = message.get("role") instanceof JsonString s ? s.getString().toLowerCase(Locale.ROOT) : null;
            if ("developer".equals(role)) {
                role = "system";
            }
            if (role == null || !ROLES.contains(role)) {
                fields.fail(field + ".role", "must be one of system, user, assistant");
                continue;
            }
            String content = textOf(message.get("content"));
            if (content == null || content.isBlank()) {
                fields.fail(field + ".content", "must be non-empty text");
                continue;
            }
            messages.add(new ChatMessage(role, content));
        }
        return messages;
    }

    private static String textOf(JsonValue content) {
        if (content instanceof JsonString s) {
            return s.getString();
        }
        if (content != null && content.getValueType() == JsonValue.ValueType.ARRAY) {
            StringBuilder text = new StringBuilder();
            for (JsonValue part : content.asJsonArray()) {
                if (part.getValueType() != JsonValue.ValueType.OBJECT
                        || !"text".equals(part.asJsonObject().getString("type", null))
                        || !(part.asJsonObject().get("text") instanceof JsonString t)) {
                    return null;
                }
                text.append(t.getString());
            }
            return text.toString();
        }
        return null;
    }
}
