package org.llmgate.platform.problem;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Problem details for the servlets that answer without JAX-RS (chat, metrics, OpenAPI): the same
 * body the JAX-RS mappers write, every field present, {@code errors} null when there are none.
 */
public final class ServletProblems {

    /** Looked up once: a static {@code Json.createXxx} call finds the provider again each time (issue 16). */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private ServletProblems() {
    }

    public static String json(Problem problem) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("type", problem.type()).add("title", problem.title())
                .add("status", problem.status()).add("detail", problem.detail());
        if (problem.errors() == null) {
            body.addNull("errors");
        } else {
            JsonArrayBuilder errors = JSON.createArrayBuilder();
            problem.errors().forEach(e -> errors.add(JSON.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            body.add("errors", errors);
        }
        return body.build().toString();
    }

    /** Sends {@code problem}, with one extra header when {@code header} is not null. */
    public static void send(HttpServletResponse response, Problem problem, String header, String value) throws IOException {
        byte[] body = json(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        if (header != null) {
            response.setHeader(header, value);
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
