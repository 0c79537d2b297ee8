package org.llmgate.chat.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.llmgate.chat.control.ChatPlan;
import org.llmgate.chat.control.ChatPlanner;
import org.llmgate.chat.control.ChatRefused;
import org.llmgate.chat.control.ChatRelay;
import org.llmgate.chat.control.ChatSink;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.JsonRequestBody;
import org.llmgate.platform.Settings;
import org.llmgate.platform.problem.Problem;
import org.llmgate.platform.problem.ProblemMappers;
import org.llmgate.platform.problem.ServletProblems;
import org.llmgate.platform.security.AdminSession;
import org.llmgate.platform.security.Caller;
import org.llmgate.platform.security.RestAuthentication;
import org.llmgate.platform.security.SignIn;

/**
 * What both chat endpoints do around their own reading of the body. They are plain async servlets
 * rather than JAX-RS resources: Jersey's request processing cost more than the chat itself on the
 * hot path (issue 16: about 120 of 200 request-thread samples per chat in the profile), and its
 * writes block. The refusals are the JAX-RS routes' ones, in the same order: 413 and 415 before
 * anything else, 401/429 ({@link RestAuthentication}), 405, 406, then the body's 400/404/409,
 * and a refused chat's 429/503 with Retry-After. Bad input never opens a stream; once the relay
 * starts, the request holds no thread ({@link ClientStream}).
 */
abstract class ChatServlet extends HttpServlet {

    /** What a chat endpoint made of the body: the resolved plan and how its events are written. */
    record Start(ChatPlan plan, Function<ClientStream, ChatSink> sink) {
    }

    @Inject
    Settings settings;
    @Inject
    RestAuthentication authentication;
    @Inject
    ChatRelay relay;
    @Inject
    ChatPlanner planner;

    /** Validates the body and resolves the chat, or throws the problem that answers it. */
    abstract Start start(JsonFields fields, Caller caller);

    /** The media types the endpoint answers with, for the Accept check. */
    abstract List<String> produces();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Start start;
        try {
            long limit = settings.maxBodyBytes();
            Problem refused = JsonRequestBody.refusal(request, limit);
            if (refused != null) {
                ServletProblems.send(response, refused, null, null);
                return;
            }
            SignIn signIn = authentication.authenticate(request.getHeader("Authorization"),
                    request.getHeader(AdminSession.CSRF_HEADER), request);
            if (signIn instanceof SignIn.Refused no) {
                ServletProblems.send(response, Problem.of(no.status(), no.detail()), no.header(), no.headerValue());
                return;
            }
            if ("OPTIONS".equals(request.getMethod())) {
                response.setHeader("Allow", "POST, OPTIONS");
                return;
            }
            if (!"POST".equals(request.getMethod())) {
                ServletProblems.send(response, Problem.of(405, "Send the chat with POST"), "Allow", "POST, OPTIONS");
                return;
            }
            if (!accepts(request.getHeader("Accept"))) {
                ServletProblems.send(response, Problem.of(406, "This endpoint answers with " + String.join(" or ", produces())), null, null);
                return;
            }
            start = start(JsonFields.parse(JsonRequestBody.read(request, limit)), ((SignIn.Accepted) signIn).caller());
        } catch (RuntimeException e) {
            ServletProblems.send(response, ProblemMappers.ForEverythingElse.problemFor(e), null, null);
            return;
        } catch (IOException e) {
            // the client stopped sending its body: answered as JAX-RS does, not logged as a server failure
            sendQuietly(response, Problem.of(400, "The request body could not be read"));
            return;
        }
        AsyncContext async = request.startAsync();
        ClientStream client = new ClientStream(async);
        try {
            relay.relay(start.plan(), start.sink().apply(client));
        } catch (ChatRefused e) {
            client.answer(problem(e.toProblem(), "Retry-After", String.valueOf(e.retryAfterSeconds())));
        } catch (RuntimeException e) {
            client.answer(problem(ProblemMappers.ForEverythingElse.problemFor(e), null, null));
        }
    }

    private static void sendQuietly(HttpServletResponse response, Problem problem) {
        try {
            ServletProblems.send(response, problem, null, null);
        } catch (IOException | RuntimeException gone) {
            // nobody is left to read it
        }
    }

    private static ClientStream.Answer problem(Problem problem, String header, String value) {
        return new ClientStream.Answer(problem.status(), Problem.MEDIA_TYPE, ServletProblems.json(problem), header, value);
    }

    /** As JAX-RS matches {@code @Produces}: no Accept, or one range not refused with q=0 that covers a type produced. */
    private boolean accepts(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (refused(parts)) {
                continue;
            }
            for (String produced : produces()) {
                if (type.equals("*/*") || type.equals(produced)
                        || (type.endsWith("/*") && produced.startsWith(type.substring(0, type.length() - 1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean refused(String[] rangeParts) {
        for (int i = 1; i < rangeParts.length; i++) {
            String parameter = rangeParts[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) <= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
