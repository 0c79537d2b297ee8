package org.llmgate.system;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A small HTTP client for the llmgate REST API, as an admin or with any Authorization header. */
final class Api {

    static final String ADMIN_AUTH = "Basic " + Base64.getEncoder().encodeToString(
            (LlmgateServer.ADMIN_USER + ":" + LlmgateServer.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    record Reply(int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        JsonObject json() {
            return Json.createReader(new StringReader(response.body())).readObject();
        }

        JsonArray array() {
            return Json.createReader(new StringReader(response.body())).readArray();
        }

        long id() {
            return json().getJsonNumber("id").longValue();
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }
    }

    Reply get(String path) {
        return send("GET", path, null, ADMIN_AUTH, "application/json");
    }

    Reply post(String path, Object body) {
        return send("POST", path, body, ADMIN_AUTH, "application/json");
    }

    Reply put(String path, Object body) {
        return send("PUT", path, body, ADMIN_AUTH, "application/json");
    }

    Reply delete(String path) {
        return send("DELETE", path, null, ADMIN_AUTH, "application/json");
    }

    Reply send(String method, String path, Object body, String authorization, String contentType) {
        String text = body == null ? null : body instanceof JsonValue v ? v.toString() : body.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/" + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
            return new Reply(response.statusCode(), response);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /** Creates a resource and answers its id, failing the test on anything but 201. */
    long create(String path, JsonObject body) {
        Reply reply = post(path, body);
        if (reply.status() != 201) {
            throw new AssertionError("POST " + path + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.id();
    }

    static List<String> names(JsonArray array, String field) {
        return array.stream().map(v -> v.asJsonObject().get(field).toString()).toList();
    }
}
