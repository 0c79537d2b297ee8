package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;

/** Issue 14: Prometheus metrics and the OpenAPI description, as an operator and an integrator use them. */
class ObservabilityIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static Llmgate llmgate;
    static String token;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
        token = "Bearer " + llmgate.api.post("admin/organizations/" + new Fixtures(llmgate.api).organization() + "/tokens", null)
                .json().getString("token");
    }

    @Test
    void metrics_refuse_strangers_and_integration_tokens() {
        assertThat(get("/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "Bearer not-the-token", null).statusCode()).isEqualTo(401);
        HttpResponse<String> asToken = get("/metrics", token, null);
        assertThat(asToken.statusCode()).isEqualTo(403);
        assertThat(asToken.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(get("/metrics", "Bearer " + Llmgate.METRICS_TOKEN, null).statusCode()).isEqualTo(200);
    }

    @Test
    void scripted_chats_with_a_fallback_and_a_dead_key_grow_the_counters_and_histograms() {
        Scenario s = new Scenario(llmgate);
        String dead = s.key("dead");
        s.fake().scriptKey(dead, Behavior.status(401));
        s.fake().script(s.model("limited"), Behavior.status(429).retryAfter(Duration.ofSeconds(30)));
        s.hop(OPENAI, s.credential(OPENAI, dead), s.model("dead"));
        s.hop(OPENAI, s.credential(OPENAI, s.key("limited")), s.model("limited"));
        s.hop(OPENAI, s.credential(OPENAI, s.key("fine")), s.model("fine"));
        String before = metrics();

        assertThat(s.chat("hello").last().name()).isEqualTo("done");
        assertThat(s.chat("hello again").last().name()).isEqualTo("done");

        String after = metrics();
        assertThat(value(after, "llmgate_chats_total{outcome=\"done\",level=\"homework\"}")
                - value(before, "llmgate_chats_total{outcome=\"done\",level=\"homework\"}")).isGreaterThanOrEqualTo(2);
        assertThat(value(after, "llmgate_attempts_total{provider=\"openai\",model=\"" + s.model("dead") + "\",error_class=\"auth_error\"}"))
                .isEqualTo(1);
        assertThat(value(after, "llmgate_attempts_total{provider=\"openai\",model=\"" + s.model("limited") + "\",error_class=\"rate_limited\"}"))
                .isEqualTo(1);
        assertThat(value(after, "llmgate_attempts_total{provider=\"openai\",model=\"" + s.model("fine") + "\",error_class=\"none\"}"))
                .isEqualTo(2);
        assertThat(value(after, "llmgate_fallbacks_total{error_class=\"rate_limited\"}")
                - value(before, "llmgate_fallbacks_total{error_class=\"rate_limited\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "llmgate_upstream_ttft_seconds_bucket{provider=\"openai\",le=\"+Inf\"}")
                - value(before, "llmgate_upstream_ttft_seconds_bucket{provider=\"openai\",le=\"+Inf\"}")).isGreaterThanOrEqualTo(2);
        assertThat(after).contains("llmgate_upstream_ttft_seconds_bucket{provider=\"openai\",le=\"0.005\"}")
                .contains("# TYPE llmgate_chat_duration_seconds histogram")
                .contains("llmgate_breakers_open{scope=\"credential\"}")
                .contains("llmgate_open_streams ")
                .contains("llmgate_tokens_total{direction=\"out\",provider=\"openai\"}");
        assertThat(value(after, "llmgate_breakers_open{scope=\"credential\"}")).isGreaterThanOrEqualTo(1);

        long budget = llmgate.api.create("admin/budgets", Json.createObjectBuilder().add("organizationId", s.organization)
                .add("limitCents", 250).add("limitTokens", 100000).build());
        String withBudget = metrics();
        assertThat(value(withBudget, "llmgate_budget_remaining_cents{budget=\"" + budget + "\"}")).isEqualTo(250);
        assertThat(value(withBudget, "llmgate_budget_remaining_tokens{budget=\"" + budget + "\"}")).isEqualTo(100000);
        // bounded labels only: no key, token or message text
        assertThat(after).doesNotContain(dead).doesNotContain(dead.substring(0, 12)).doesNotContain(token.substring(7))
                .doesNotContain("hello");
    }

    @Test
    void the_openapi_describes_every_route_for_the_admin_and_integration_tokens() throws IOException {
        assertThat(get("/openapi", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> yaml = get("/openapi", Api.ADMIN_AUTH, null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("\"openapi\": \"3.0.3\"");
        HttpResponse<String> json = get("/openapi", token, "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonObject paths = Json.createReader(new StringReader(json.body())).readObject().getJsonObject("paths");

        List<String> missing = new ArrayList<>();
        for (Class<?> resource : classesWith(Path.class)) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "get" : method.isAnnotationPresent(POST.class) ? "post"
                        : method.isAnnotationPresent(PUT.class) ? "put" : method.isAnnotationPresent(DELETE.class) ? "delete" : null;
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = "/api/" + base + (sub == null ? "" : "/" + sub.value().replaceAll("^/", ""));
                JsonObject operations = paths.getJsonObject(path);
                if (operations == null || !operations.containsKey(verb)) {
                    missing.add(verb + " " + path);
                } else {
                    assertThat(operations.getJsonObject(verb).getJsonObject("responses").getJsonObject("400").getJsonObject("content"))
                            .containsKey("application/problem+json");
                }
            }
        }
        // the chat endpoints are servlets (issue 16): each of their paths under /api is described too
        for (Class<?> servlet : classesWith(jakarta.servlet.annotation.WebServlet.class)) {
            for (String pattern : servlet.getAnnotation(jakarta.servlet.annotation.WebServlet.class).urlPatterns()) {
                String path = pattern.replaceAll("/$", "");
                if (path.startsWith("/api/") && (paths.getJsonObject(path) == null || !paths.getJsonObject(path).containsKey("post"))) {
                    missing.add("post " + path + " (" + servlet.getSimpleName() + ")");
                }
            }
        }
        assertThat(paths.getJsonObject("/api/v1/chat/completions").getJsonObject("post").getJsonObject("requestBody").toString())
                .contains("model").contains("messages");
        assertThat(missing).as("routes missing from /openapi").isEmpty();
        // Payara's own description at the server root, which asks for no authentication, stays empty
        HttpResponse<String> root = serverRoot(llmgate.server.baseUrl().replace("/llmgate", "") + "/openapi");
        assertThat(root.body()).doesNotContain("admin/credentials");
        assertThat(paths.getJsonObject("/api/admin/credentials").getJsonObject("post").getJsonObject("requestBody").toString())
                .contains("apiKey").contains("baseUrl");
        assertThat(paths.getJsonObject("/api/admin/credentials/{id}").getJsonObject("get").getJsonObject("responses")
                .getJsonObject("200").toString()).contains("keyHint").doesNotContain("apiKey");
    }

    private static List<Class<?>> classesWith(Class<? extends java.lang.annotation.Annotation> annotation) throws IOException {
        java.nio.file.Path classes = java.nio.file.Path.of(System.getProperty("llmgate.buildDir", "target"), "classes");
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).<Class<?>>map(f -> {
                String name = classes.relativize(f).toString().replace('/', '.').replace(".class", "");
                try {
                    return Class.forName(name, false, ObservabilityIT.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    return null;
                }
            }).filter(c -> c != null && c.isAnnotationPresent(annotation)).toList();
        }
    }

    private static String metrics() {
        HttpResponse<String> reply = get("/metrics", Api.ADMIN_AUTH, null);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return reply.body();
    }

    /** A sample's value, 0 when the series does not exist yet. */
    private static double value(String exposition, String series) {
        return exposition.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1))).orElse(0.0);
    }

    private static HttpResponse<String> serverRoot(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String path, String authorization, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(llmgate.server.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
