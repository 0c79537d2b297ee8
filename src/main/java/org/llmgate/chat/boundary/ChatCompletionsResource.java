package org.llmgate.chat.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.llmgate.chat.control.ChatPlan;
import org.llmgate.chat.control.ChatPlanner;
import org.llmgate.chat.control.ChatRelay;
import org.llmgate.config.control.ChatTarget;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.security.Caller;
import org.llmgate.providers.ChatMessage;

/**
 * {@code POST /api/v1/chat/completions}: the OpenAI Chat Completions API, so any OpenAI SDK with
 * base URL {@code …/llmgate/api/v1} works. {@code model} names the target ({@code homework:12});
 * the effective config's own model and parameters are used, with the same fallback chain.
 */
// one instance: a per-request resource cost a CDI injection of every field per chat (issue 16)
@ApplicationScoped
@Path("v1/chat/completions")
public class ChatCompletionsResource {

    @Inject
    ChatPlanner planner;
    @Inject
    ChatRelay relay;
    @Inject
    StreamWriters writers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public void complete(String body, @Context SecurityContext security, @Suspended AsyncResponse response) {
        JsonFields fields = JsonFields.parse(body);
        String model = fields.requiredString("model", 200);
        ChatTarget target = model == null ? null : ChatTarget.parse(model).orElse(null);
        if (model != null && target == null) {
            fields.fail("model", "must name the target: homework:{id}, course:{id} or organization:{id}");
        }
        List<ChatMessage> messages = ChatPlanner.messages(fields);
        JsonValue stream = fields.json().get("stream");
        if (stream != null && stream != JsonValue.TRUE && stream != JsonValue.FALSE && stream != JsonValue.NULL) {
            fields.fail("stream", "must be true or false");
        }
        String user = ChatPlanner.student(fields, "user");
        fields.validate();
        ChatPlan plan = planner.plan(target, messages, (Caller) security.getUserPrincipal(), user);
        ClientStream client = new ClientStream(response, writers.executor());
        relay.relay(plan, stream == JsonValue.TRUE
                ? new OpenAiStreamSink(client)
                : new OpenAiCompletionSink(client));
    }
}
