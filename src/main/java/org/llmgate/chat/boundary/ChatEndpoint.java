package org.llmgate.chat.boundary;

import jakarta.servlet.annotation.WebServlet;
import java.util.ArrayList;
import java.util.List;
import org.llmgate.chat.control.ChatPlanner;
import org.llmgate.config.control.ChatTarget;
import org.llmgate.platform.ApiRoute;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.platform.security.Caller;

/**
 * {@code POST /api/chat}: llmgate's own event stream (SPEC §8), written as plain SSE frames:
 * attempt, fallback, delta, then exactly one done or error.
 */
@WebServlet(urlPatterns = {"/api/chat", "/api/chat/"}, asyncSupported = true)
public class ChatEndpoint extends ChatServlet {

    @Override
    @ApiRoute(path = "chat", verb = "post", produces = "text/event-stream")
    Start start(JsonFields fields, Caller caller) {
        ChatTarget target = target(fields);
        var messages = ChatPlanner.messages(fields);
        String user = ChatPlanner.student(fields, "userId");
        fields.validate();
        return new Start(planner.plan(target, messages, caller, user), SseChatSink::new);
    }

    @Override
    List<String> produces() {
        return List.of("text/event-stream");
    }

    private static ChatTarget target(JsonFields fields) {
        List<ChatTarget> targets = new ArrayList<>();
        for (ChatTarget.Kind kind : ChatTarget.Kind.values()) {
            Long id = fields.optionalId(kind.wireName() + "Id");
            if (id != null) {
                targets.add(new ChatTarget(kind, id));
            }
        }
        if (targets.size() != 1) {
            fields.fail("homeworkId", "give exactly one of homeworkId, courseId, organizationId");
            fields.validate();
        }
        if (targets.isEmpty()) {
            throw ProblemException.badRequest("give exactly one of homeworkId, courseId, organizationId");
        }
        return targets.get(0);
    }
}
