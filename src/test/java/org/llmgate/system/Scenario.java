package org.llmgate.system;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
