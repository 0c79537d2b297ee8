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
import org.llmgate.budget.control.StudentIds;
import org.llmgate.budget.entity.Payer;
import org.llmgate.config.control.ChatTarget;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.config.control.ConfigSnapshot;
import org.llmgate.config.control.EffectiveConfigResolver;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.UniqueIds;
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
        return plan(target, messages, caller, null);
    }

    /** {@code user}: the student the LMS named (SPEC §11), null for the shared student. */
    public ChatPlan plan(ChatTarget target, List<ChatMessage> messages, Caller caller, String user) {
        ConfigSnapshot snapshot = cache.snapshot();
        EffectiveConfigResolver.Resolution resolution = EffectiveConfigResolver.resolve(snapshot, target);
        if (!caller.mayAccess(resolution.organizationId())) {
            // the same answer as for a target that does not exist: a token learns nothing of other organizations
            throw ProblemException.notFound(target.kind().wireName(), target.id());
        }
        if (!resolution.effective().configured()) {
            throw ProblemException.conflict(target + " has no LLM configuration (none on it, its course or its organization)");
        }
        return new ChatPlan(UniqueIds.next(), resolution.organizationId(), resolution.effective().chain(),
                snapshot.credentials(), messages, payer(snapshot, target, resolution.organizationId(), user),
                target.kind().wireName());
    }

    /** The course and homework budgets of SPEC §11 need both ids, whichever level the chat named. */
    private static Payer payer(ConfigSnapshot snapshot, ChatTarget target, long organizationId, String user) {
        Long homeworkId = target.kind() == ChatTarget.Kind.HOMEWORK ? target.id() : null;
        Long courseId = target.kind() == ChatTarget.Kind.COURSE ? target.id()
                : homeworkId == null ? null : snapshot.homeworks().get(homeworkId).courseId();
        return new Payer(organizationId, courseId, homeworkId, user);
    }

    /**
     * Reads the student id of SPEC §11 from {@code field} ({@code user} or {@code userId}): 1–128
     * printable characters; a number from an LMS settings form is taken as its text; absent or
     * null is the shared student.
     */
    public static String student(JsonFields fields, String field) {
        JsonValue value = fields.json().get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String id = value instanceof JsonString s ? s.getString()
                : value.getValueType() == JsonValue.ValueType.NUMBER ? value.toString() : null;
        String problem = id == null ? "must be a string" : StudentIds.problem(id);
        if (problem != null) {
            fields.fail(field, problem);
            return null;
        }
        return id;
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
