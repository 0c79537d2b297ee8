package org.llmgate.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.llmgate.testsupport.fake.Behavior;
import org.llmgate.testsupport.fake.FakeProvider;

/**
 * A homework whose chain is built from fresh, uniquely named models on the fake providers, so
 * scenarios never share breakers or hints.
 */
final class Scenario {

    final Llmgate llmgate;
    final Fixtures fixtures;
    final long organization;
    final long course;
    final long homework;
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final List<Long> configs = new ArrayList<>();

    Scenario(Llmgate llmgate) {
        this.llmgate = llmgate;
        this.fixtures = new Fixtures(llmgate.api);
        this.organization = fixtures.organization();
        this.course = fixtures.course(organization);
        this.homework = fixtures.homework(course);
    }

    /** A model name unique to this scenario. */
    String model(String name) {
        return name + "-" + tag;
    }

    String key(String name) {
        return "sk-test-" + name + "-" + tag + "-0123456789abcdef";
    }

    long credential(String provider, String apiKey) {
        return fixtures.credential(organization, provider, apiKey, llmgate.fake.baseUrl(provider));
    }

    /** Appends a config to the chain (the first is the primary, assigned to the homework). */
    long hop(String provider, long credentialId, String model) {
        return hop(Fixtures.config(organization, provider, credentialId, model, null, null));
    }

    long hop(JsonObjectBuilder config) {
        long id = llmgate.api.create("admin/llm-configs", config.build());
        if (configs.isEmpty()) {
            fixtures.assignHomework(homework, id);
        } else {
            long previous = configs.get(configs.size() - 1);
            JsonObjectBuilder withFallback = Json.createObjectBuilder(llmgate.api.get("admin/llm-configs/" + previous).json())
                    .add("fallbackConfigId", id);
            withFallback.remove("id");
            Api.Reply reply = llmgate.api.put("admin/llm-configs/" + previous, withFallback.build());
            if (reply.status() != 200) {
                throw new AssertionError("chaining answered " + reply.status() + ": " + reply.body());
            }
        }
        configs.add(id);
        return id;
    }

    /** A primary whose breaker is open for a rate limit, and the backup that answered instead. */
    record Tripped(String model, long configId, long backupId) {
    }

    /** Chains a primary answering 429 with this Retry-After to a backup on the same key, and trips it with one chat. */
    Tripped rateLimitedPrimary(String name, Duration retryAfter) {
        long key = credential(FakeProvider.OPENAI, key("k"));
        String primary = model(name);
        long primaryId = hop(FakeProvider.OPENAI, key, primary);
        long backupId = hop(FakeProvider.OPENAI, key, model("backup"));
        fake().script(primary, Behavior.status(429).retryAfter(retryAfter));
        long answered = chat("hello").last().data().getJsonNumber("configId").longValue();
        if (answered != backupId) {
            throw new AssertionError("the backup should have answered, not config " + answered);
        }
        return new Tripped(primary, primaryId, backupId);
    }

    /** The breaker of this model as {@code GET /api/admin/breakers} shows it on that instance. */
    static Optional<JsonObject> modelBreaker(Api api, String model) {
        return api.get("admin/breakers").array().getValuesAs(JsonObject.class).stream()
                .filter(b -> model.equals(b.getString("model", null))).findFirst();
    }

    ChatStream chat(String message) {
        return chat(message, Api.ADMIN_AUTH);
    }

    ChatStream chat(String message, String authorization) {
        String body = Json.createObjectBuilder().add("homeworkId", homework)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "user").add("content", message))).build().toString();
        return ChatStream.post(llmgate.api, body, authorization);
    }

    Api api() {
        return llmgate.api;
    }

    FakeProvider fake() {
        return llmgate.fake;
    }
}
