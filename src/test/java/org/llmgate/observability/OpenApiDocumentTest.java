package org.llmgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.llmgate.config.boundary.CredentialsResource;
import org.llmgate.config.boundary.OrganizationsResource;
import org.llmgate.chat.boundary.ChatEndpoint;

/** The OpenAPI document read from resources' signatures, and its YAML form. */
class OpenApiDocumentTest {

    @Test
    void crud_routes_get_their_fields_and_problem_responses() throws Exception {
        JsonObject doc = OpenApiDocument.describe(List.of(CredentialsResource.class, OrganizationsResource.class, ChatEndpoint.class), "test");
        JsonObject paths = doc.getJsonObject("paths");
        assertThat(paths.keySet()).contains("/api/admin/credentials", "/api/admin/credentials/{id}", "/api/chat");
        JsonObject create = paths.getJsonObject("/api/admin/credentials").getJsonObject("post");
        assertThat(create.getJsonObject("responses").keySet()).contains("201", "400", "401", "415");
        assertThat(create.getJsonObject("requestBody").toString()).contains("\"apiKey\"").doesNotContain("keyHint");
        assertThat(paths.getJsonObject("/api/admin/credentials").getJsonObject("get").getJsonArray("parameters").toString())
                .contains("organizationId");
        assertThat(paths.getJsonObject("/api/chat").getJsonObject("post").getJsonObject("responses").getJsonObject("200").toString())
                .contains("text/event-stream");

        String yaml = Yaml.of(doc);
        assertThat(yaml).startsWith("\"openapi\": \"3.0.3\"\n");
        // the YAML must say the same as the JSON: kept for a YAML parser to check (see the README)
        Path out = Path.of("target", "openapi-test.yaml");
        Files.createDirectories(out.getParent());
        Files.writeString(out, yaml);
        Files.writeString(Path.of("target", "openapi-test.json"), doc.toString());
        assertThat(Json.createReader(new StringReader(doc.toString())).readObject()).isEqualTo(doc);
    }

    @Test
    void yaml_nests_objects_and_arrays_under_their_keys_and_dashes() {
        JsonObject value = Json.createObjectBuilder().add("a", Json.createArrayBuilder().add("x")
                .add(Json.createObjectBuilder().add("b", 1).add("c", Json.createArrayBuilder())))
                .add("d", Json.createObjectBuilder()).add("e", "say \"hi\"\n").build();
        assertThat(Yaml.of(value)).isEqualTo("""
                "a":
                  - "x"
                  -
                    "b": 1
                    "c": []
                "d": {}
                "e": "say \\"hi\\"\\n"
                """);
    }
}
