package org.llmgate.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A finished chat as a client saw it: status, content type and the SSE events in order. */
record ChatStream(int status, String contentType, String body, List<Event> events) {

    record Event(String name, JsonObject data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    static ChatStream post(Api api, String json, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/chat"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            // bounded: a stream that never ends fails the test instead of hanging it
            HttpResponse<String> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
            String type = response.headers().firstValue("Content-Type").orElse("");
            List<Event> events = type.startsWith("text/event-stream") ? parse(response.body()) : List.of();
            return new ChatStream(response.statusCode(), type, response.body(), events);
        } catch (Exception e) {
            throw new IllegalStateException("chat failed", e);
        }
    }

    static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : body.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    events.add(new Event(name == null ? "message" : name,
                            Json.createReader(new StringReader(data.toString())).readObject()));
                }
                name = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
        return events;
    }

    List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    List<Event> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    Event last() {
        return events.get(events.size() - 1);
    }

    String text() {
        StringBuilder text = new StringBuilder();
        named("delta").forEach(e -> text.append(e.data().getString("text")));
        return text.toString();
    }
}
