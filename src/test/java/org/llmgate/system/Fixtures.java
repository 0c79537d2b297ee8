package org.llmgate.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.UUID;

/** Builds the tenancy and configs a scenario needs, through the public REST API. */
final class Fixtures {

    private final Api api;

    Fixtures(Api api) {
        this.api = api;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    long organization() {
        return api.create("admin/organizations", Json.createObjectBuilder().add("name", unique("Uni")).build());
    }

    long course(long organizationId) {
        return api.create("admin/courses", Json.createObjectBuilder()
                .add("organizationId", organizationId).add("name", unique("Course")).build());
    }

    long homework(long courseId) {
        return api.create("admin/homeworks", Json.createObjectBuilder()
                .add("courseId", courseId).add("name", unique("Homework")).build());
    }

    long credential(long organizationId, String provider, String apiKey, String baseUrl) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("organizationId", organizationId).add("provider", provider)
                .add("label", unique(provider)).add("baseUrl", baseUrl);
        if (apiKey != null) {
            body.add("apiKey", apiKey);
        }
        return api.create("admin/credentials", body.build());
    }

    long config(long organizationId, String provider, long credentialId, String model, Long fallbackId) {
        return api.create("admin/llm-configs", config(organizationId, provider, credentialId, model, fallbackId, null).build());
    }

    static JsonObjectBuilder config(long organizationId, String provider, long credentialId, String model,
                                    Long fallbackId, Integer contextWindow) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("organizationId", organizationId).add("name", unique(model)).add("provider", provider)
                .add("credentialId", credentialId).add("model", model);
        if (fallbackId != null) {
            body.add("fallbackConfigId", fallbackId);
        }
        if (contextWindow != null) {
            body.add("contextWindow", contextWindow);
        }
        return body;
    }

    void assign(String kind, long id, JsonObject current, long configId) {
        JsonObjectBuilder body = Json.createObjectBuilder(current).add("llmConfigId", configId);
        Api.Reply reply = api.put("admin/" + kind + "/" + id, body.build());
        if (reply.status() != 200) {
            throw new AssertionError("assign answered " + reply.status() + ": " + reply.body());
        }
    }

    void assignHomework(long homeworkId, long configId) {
        assign("homeworks", homeworkId, api.get("admin/homeworks/" + homeworkId).json(), configId);
    }

    void assignCourse(long courseId, long configId) {
        assign("courses", courseId, api.get("admin/courses/" + courseId).json(), configId);
    }

    void assignOrganization(long organizationId, long configId) {
        assign("organizations", organizationId, api.get("admin/organizations/" + organizationId).json(), configId);
    }
}
