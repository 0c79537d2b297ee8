package org.llmgate.chat.boundary;

import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import java.util.List;
import org.llmgate.chat.control.ChatPlanner;
import org.llmgate.config.control.ChatTarget;
import org.llmgate.platform.ApiRoute;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.security.Caller;

/**
 * {@code POST /api/v1/chat/completions}: the OpenAI Chat Completions API, so any OpenAI SDK with
 * base URL {@code …/llmgate/api/v1} works. {@code model} names the target ({@code homework:12});
 * the effective config's own model and parameters are used, with the same fallback chain.
 */
@WebServlet(urlPatterns = {"/api/v1/chat/completions", "/api/v1/chat/completions/"}, asyncSupported = true)
public class ChatCompletionsEndpoint extends ChatServlet {

    @Override
    @ApiRoute(path = "v1/chat/completions", verb = "post", produces = {"application/json", "text/event-stream"})
    Start start(JsonFields fields, Caller caller) {
        String model = fields.requiredString("model", 200);
        ChatTarget target = model == null ? null : ChatTarget.parse(model).orElse(null);
        if (model != null && target == null) {
            fields.fail("model", "must name the target: homework:{id}, course:{id} or organization:{id}");
        }
        var messages = ChatPlanner.messages(fields);
        JsonValue stream = fields.json().get("stream");
        if (stream != null && stream != JsonValue.TRUE && stream != JsonValue.FALSE && stream != JsonValue.NULL) {
            fields.fail("stream", "must be true or false");
        }
        String user = ChatPlanner.student(fields, "user");
        fields.validate();
        return new Start(planner.plan(target, messages, caller, user),
                stream == JsonValue.TRUE ? OpenAiStreamSink::new : OpenAiCompletionSink::new);
    }

    @Override
    List<String> produces() {
        return List.of("application/json", "text/event-stream");
    }
}
