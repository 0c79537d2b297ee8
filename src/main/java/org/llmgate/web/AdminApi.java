package org.llmgate.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;
import org.llmgate.platform.security.AdminSession;

/**
 * The screens' way to the admin REST resources that are not plain CRUD (catalog, connection test,
 * health, notifications, hints): the same HTTP call a script would make, as the signed-in admin
 * (the browser's session cookie and the session's CSRF token are passed on). One contract for the
 * screens and for API users, and the pages keep working while those resources evolve.
 */
@ApplicationScoped
public class AdminApi {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A reply: status and body; {@code json} is null when the body is not JSON. */
    public record Reply(int status, JsonStructure json, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonObject object() {
            return json instanceof JsonObject o ? o : JsonObject.EMPTY_JSON_OBJECT;
        }

        /** The problem's detail, for showing a refusal. */
        public String detail() {
            String detail = object().getString("detail", null);
            return detail != null ? detail : "HTTP " + status;
        }
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, JsonObject body) {
        return send("POST", path, body);
    }

    /** Answers empty when the call could not be made at all (the server is shutting down, say). */
    public Optional<Reply> tryGet(String path) {
        try {
            return Optional.of(get(path));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private Reply send(String method, String path, JsonObject body) {
        HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
        URI uri = URI.create("http://127.0.0.1:" + request.getLocalPort() + request.getContextPath() + "/api/" + path);
        HttpRequest.Builder call = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header(AdminSession.CSRF_HEADER, AdminSession.csrfToken(request))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        String cookie = request.getHeader("Cookie");
        if (cookie != null) {
            call.header("Cookie", cookie);
        }
        if (body != null) {
            call.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(call.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " /api/" + path + " interrupted", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " /api/" + path + " failed: " + e.getMessage(), e);
        }
    }

    private static JsonStructure parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.createReader(new StringReader(body)).read();
        } catch (JsonException e) {
            return null;
        }
    }
}
