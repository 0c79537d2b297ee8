package org.llmgate.chat.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.llmgate.chat.control.ChatPlan;
import org.llmgate.chat.control.ChatPlanner;
import org.llmgate.chat.control.ChatRelay;
import org.llmgate.config.control.ChatTarget;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.platform.security.Caller;
import org.llmgate.providers.ChatMessage;

/**
 * {@code POST /api/chat}: llmgate's own event stream (SPEC §8). Validation and resolution happen
 * before the method returns, so bad input is a 4xx problem and never an opened stream; once the
 * relay starts, this request holds no thread. The events are written as plain SSE frames through a
 * suspended response rather than an {@code SseEventSink}, whose writes block the caller (issue 16).
 */
// one instance: a per-request resource cost a CDI injection of every field per chat (issue 16)
@ApplicationScoped
@Path("chat")
public class ChatResource {

    @Inject
    ChatPlanner planner;
    @Inject
    ChatRelay relay;
    @Inject
    StreamWriters writers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void chat(String body, @Context SecurityContext security, @Suspended AsyncResponse response) {
        JsonFields fields = JsonFields.parse(body);
        ChatTarget target = target(fields);
        List<ChatMessage> messages = ChatPlanner.messages(fields);
        String user = ChatPlanner.student(fields, "userId");
        fields.validate();
        ChatPlan plan = planner.plan(target, messages, (Caller) security.getUserPrincipal(), user);
        relay.relay(plan, new SseChatSink(new ClientStream(response, writers.executor())));
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
