package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 2: the WAR on Payara Micro against PostgreSQL, its schema, admin API and effective config. */
class FoundationIT {

    static final String SECRET_KEY = "sk-test-foundation-0123456789abcdefWXYZ";

    static Llmgate llmgate;
    static Api api;
    static Fixtures fixtures;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
        api = llmgate.api;
        fixtures = new Fixtures(api);
    }

    @Test
    void liquibase_created_every_table_on_the_empty_database() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = llmgate.db.connect(llmgate.dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).contains("organizations", "courses", "homeworks", "credentials", "llm_configs",
                "model_hints", "circuit_states", "notifications", "attempts", "integration_tokens",
                "databasechangelog");
    }

    @Test
    void anonymous_and_wrong_password_calls_get_401_problem() {
        for (String path : List.of("admin/organizations", "admin/llm-providers", "admin/does-not-exist", "chat")) {
            Api.Reply anonymous = api.send("GET", path, null, null, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            assertThat(anonymous.header("WWW-Authenticate")).isPresent();
        }
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:nope".getBytes());
        assertThat(api.send("GET", "admin/organizations", null, wrong, null).status()).isEqualTo(401);
        assertThat(api.send("GET", "admin/organizations", null, "Bearer lgt_unknown", null).status()).isEqualTo(401);
    }

    @Test
    void crud_round_trip_of_every_resource() {
        long org = fixtures.organization();
        JsonObject orgJson = api.get("admin/organizations/" + org).json();
        assertThat(orgJson.keySet()).containsExactlyInAnyOrder("id", "name", "llmConfigId");

        long course = fixtures.course(org);
        Api.Reply courseReply = api.get("admin/courses/" + course);
        assertThat(courseReply.json().getJsonNumber("organizationId").longValue()).isEqualTo(org);
        assertThat(courseReply.json().keySet()).containsExactlyInAnyOrder("id", "organizationId", "name", "llmConfigId");

        Api.Reply created = api.post("admin/homeworks", Json.createObjectBuilder()
                .add("courseId", course).add("name", "Lab 1").build());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/admin/homeworks/" + created.id()));
        long homework = created.id();
        Api.Reply renamed = api.put("admin/homeworks/" + homework, Json.createObjectBuilder()
                .add("courseId", course).add("name", "Lab 1 (revised)").build());
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(api.get("admin/homeworks/" + homework).json().getString("name")).isEqualTo("Lab 1 (revised)");
        assertThat(api.get("admin/homeworks?courseId=" + course).array()).hasSize(1);

        long credential = fixtures.credential(org, "openai", SECRET_KEY, "http://127.0.0.1:9/v1");
        JsonObject credentialJson = api.get("admin/credentials/" + credential).json();
        assertThat(credentialJson.getString("keyHint")).isEqualTo("WXYZ");
        assertThat(credentialJson.keySet()).doesNotContain("apiKey")
                .contains("id", "organizationId", "provider", "label", "keyHint", "baseUrl", "requestsPerMinute", "tokensPerMinute");

        long config = fixtures.config(org, "openai", credential, "gpt-4o-mini", null);
        JsonObject configJson = api.get("admin/llm-configs/" + config).json();
        assertThat(configJson.keySet()).containsExactlyInAnyOrder("id", "organizationId", "name", "provider",
                "credentialId", "model", "fallbackConfigId", "temperature", "maxOutputTokens",
                "inputCentsPerMillion", "outputCentsPerMillion", "contextWindow");

        assertThat(api.delete("admin/homeworks/" + homework).status()).isEqualTo(204);
        assertThat(api.get("admin/homeworks/" + homework).status()).isEqualTo(404);
        assertThat(api.delete("admin/llm-configs/" + config).status()).isEqualTo(204);
        assertThat(api.delete("admin/credentials/" + credential).status()).isEqualTo(204);
        assertThat(api.delete("admin/courses/" + course).status()).isEqualTo(204);
        assertThat(api.delete("admin/organizations/" + org).status()).isEqualTo(204);
        assertThat(api.get("admin/organizations/" + org).status()).isEqualTo(404);
    }

    @Test
    void credential_put_without_key_keeps_the_stored_key_and_no_response_shows_it() {
        long org = fixtures.organization();
        long credential = fixtures.credential(org, "openrouter", SECRET_KEY, "http://127.0.0.1:9/api/v1");
        Api.Reply replaced = api.put("admin/credentials/" + credential, Json.createObjectBuilder()
                .add("organizationId", org).add("provider", "openrouter").add("label", "renamed")
                .add("baseUrl", "http://127.0.0.1:9/api/v1").build());
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().getString("keyHint")).isEqualTo("WXYZ");
        for (String path : List.of("admin/credentials", "admin/credentials/" + credential, "admin/organizations")) {
            assertThat(api.get(path).body()).doesNotContain(SECRET_KEY).doesNotContain("0123456789abcdef");
        }
        assertThat(replaced.body()).doesNotContain(SECRET_KEY);
    }

    @Test
    void effective_config_inherits_homework_then_course_then_organization() {
        long org = fixtures.organization();
        long course = fixtures.course(org);
        long homework = fixtures.homework(course);
        long credential = fixtures.credential(org, "openai", SECRET_KEY, "http://127.0.0.1:9/v1");
        long backup = fixtures.config(org, "openai", credential, "gpt-backup", null);
        long orgConfig = fixtures.config(org, "openai", credential, "gpt-org", backup);
        long courseConfig = fixtures.config(org, "openai", credential, "gpt-course", null);
        long homeworkConfig = fixtures.config(org, "openai", credential, "gpt-homework", null);

        JsonObject none = api.get("admin/homeworks/" + homework + "/effective-config").json();
        assertThat(none.isNull("config")).isTrue();
        assertThat(none.getJsonArray("chain")).isEmpty();

        fixtures.assignOrganization(org, orgConfig);
        JsonObject fromOrg = api.get("admin/homeworks/" + homework + "/effective-config").json();
        assertThat(fromOrg.getString("source")).isEqualTo("organization");
        assertThat(Api.names(fromOrg.getJsonArray("chain"), "id")).containsExactly("" + orgConfig, "" + backup);

        fixtures.assignCourse(course, courseConfig);
        JsonObject fromCourse = api.get("admin/homeworks/" + homework + "/effective-config").json();
        assertThat(fromCourse.getString("source")).isEqualTo("course");
        assertThat(fromCourse.getJsonObject("config").getString("model")).isEqualTo("gpt-course");

        fixtures.assignHomework(homework, homeworkConfig);
        JsonObject fromHomework = api.get("admin/homeworks/" + homework + "/effective-config").json();
        assertThat(fromHomework.getString("source")).isEqualTo("homework");
        assertThat(fromHomework.getJsonObject("config").getJsonNumber("id").longValue()).isEqualTo(homeworkConfig);
    }

    @Test
    void chain_is_capped_at_three_hops_and_a_cycle_is_refused_with_409() {
        long org = fixtures.organization();
        long credential = fixtures.credential(org, "openai", SECRET_KEY, "http://127.0.0.1:9/v1");
        long e = fixtures.config(org, "openai", credential, "e", null);
        long d = fixtures.config(org, "openai", credential, "d", e);
        long c = fixtures.config(org, "openai", credential, "c", d);
        long b = fixtures.config(org, "openai", credential, "b", c);
        long a = fixtures.config(org, "openai", credential, "a", b);
        long course = fixtures.course(org);
        long homework = fixtures.homework(course);
        fixtures.assignHomework(homework, a);
        JsonObject effective = api.get("admin/homeworks/" + homework + "/effective-config").json();
        assertThat(Api.names(effective.getJsonArray("chain"), "model")).containsExactly("\"a\"", "\"b\"", "\"c\"", "\"d\"");

        JsonObject eWithCycle = Fixtures.config(org, "openai", credential, "e", a, null).build();
        Api.Reply cycle = api.put("admin/llm-configs/" + e, eWithCycle);
        assertThat(cycle.status()).isEqualTo(409);
        assertThat(cycle.contentType()).startsWith("application/problem+json");
        assertThat(api.get("admin/llm-configs/" + e).json().isNull("fallbackConfigId")).isTrue();
    }

    @Test
    void deleting_a_config_sets_fallbacks_and_assignments_to_null() {
        long org = fixtures.organization();
        long course = fixtures.course(org);
        long credential = fixtures.credential(org, "openai", SECRET_KEY, "http://127.0.0.1:9/v1");
        long backup = fixtures.config(org, "openai", credential, "gpt-backup", null);
        long primary = fixtures.config(org, "openai", credential, "gpt-primary", backup);
        fixtures.assignCourse(course, backup);

        assertThat(api.delete("admin/llm-configs/" + backup).status()).isEqualTo(204);
        assertThat(api.get("admin/llm-configs/" + primary).json().isNull("fallbackConfigId")).isTrue();
        assertThat(api.get("admin/courses/" + course).json().isNull("llmConfigId")).isTrue();
    }

    @Test
    void bad_input_gets_a_4xx_problem_and_changes_nothing() {
        long org = fixtures.organization();
        long other = fixtures.organization();
        long credential = fixtures.credential(org, "openai", SECRET_KEY, "http://127.0.0.1:9/v1");
        long otherCredential = fixtures.credential(other, "openai", SECRET_KEY, "http://127.0.0.1:9/v1");
        long otherConfig = fixtures.config(other, "openai", otherCredential, "gpt-other", null);
        String before = snapshot();

        String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        List<Case> cases = List.of(
                new Case("POST", "admin/organizations", "{\"name\":", 400),
                new Case("POST", "admin/organizations", "[1,2]", 400),
                new Case("POST", "admin/organizations", "{}", 400),
                new Case("POST", "admin/organizations", "{\"name\": 42}", 400),
                new Case("POST", "admin/organizations", big, 413),
                new Case("POST", "admin/courses", "{\"organizationId\": \"one\", \"name\": \"x\"}", 400),
                new Case("POST", "admin/courses", "{\"organizationId\": 999999, \"name\": \"x\"}", 400),
                new Case("PUT", "admin/courses/999999", "{\"organizationId\": " + org + ", \"name\": \"x\"}", 404),
                new Case("POST", "admin/credentials", "{\"organizationId\": " + org + ", \"provider\": \"skynet\", \"apiKey\": \"k\"}", 400),
                new Case("POST", "admin/credentials", "{\"organizationId\": " + org + ", \"provider\": \"openai\"}", 400),
                new Case("POST", "admin/credentials", "{\"organizationId\": " + org + ", \"provider\": \"openai\", \"apiKey\": \"k\", \"baseUrl\": \"ftp://x\"}", 400),
                new Case("POST", "admin/credentials", "{\"organizationId\": " + org + ", \"provider\": \"openai\", \"apiKey\": \"sk-test-abc\\nxyz\"}", 400),
                new Case("POST", "admin/credentials", "{\"organizationId\": " + org + ", \"provider\": \"openai\", \"apiKey\": \"k\", \"baseUrl\": \"https://user:pw@example.org/v1\"}", 400),
                new Case("POST", "admin/llm-configs", Fixtures.config(org, "openai", credential, "m", otherConfig, null).build().toString(), 400),
                new Case("POST", "admin/llm-configs", Fixtures.config(org, "openai", otherCredential, "m", null, null).build().toString(), 400),
                new Case("POST", "admin/llm-configs", Fixtures.config(org, "anthropic", credential, "m", null, null).build().toString(), 400),
                new Case("POST", "admin/llm-configs", Fixtures.config(org, "openai", credential, "m", 999999L, null).build().toString(), 400),
                new Case("POST", "admin/llm-configs", Json.createObjectBuilder(Fixtures.config(org, "openai", credential, "m", null, null).build())
                        .add("temperature", "hot").build().toString(), 400),
                new Case("PUT", "admin/organizations/" + org, "{\"name\": \"x\", \"llmConfigId\": " + otherConfig + "}", 400),
                new Case("DELETE", "admin/credentials/" + otherCredential, null, 409),
                new Case("POST", "admin/organizations", "name=x", 415));
        for (Case c : cases) {
            Api.Reply reply = api.send(c.method(), c.path(), c.body(), Api.ADMIN_AUTH,
                    c.status() == 415 ? "application/x-www-form-urlencoded" : "application/json");
            assertThat(reply.status()).as(c.method() + " " + c.path() + " " + abbreviate(c.body()) + " -> " + reply.body())
                    .isEqualTo(c.status());
            assertThat(reply.contentType()).as(c.path()).startsWith("application/problem+json");
            assertThat(reply.body()).doesNotContain(SECRET_KEY);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void integration_tokens_are_shown_once_and_reach_no_admin_path() {
        long org = fixtures.organization();
        Api.Reply issued = api.post("admin/organizations/" + org + "/tokens", null);
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.json().getString("token");
        assertThat(token).startsWith("lgt_");
        Api.Reply asToken = api.send("GET", "admin/organizations", null, "Bearer " + token, null);
        assertThat(asToken.status()).isEqualTo(403);
        assertThat(api.delete("admin/tokens/" + issued.id()).status()).isEqualTo(204);
        assertThat(api.send("GET", "admin/organizations", null, "Bearer " + token, null).status()).isEqualTo(401);
    }

    @Test
    void providers_are_listed() {
        Api.Reply providers = api.get("admin/llm-providers");
        assertThat(providers.status()).isEqualTo(200);
        assertThat(Api.names(providers.array(), "id"))
                .contains("\"openai\"", "\"anthropic\"", "\"openrouter\"", "\"openai-compatible\"");
    }

    record Case(String method, String path, String body, int status) {
    }

    private static String snapshot() {
        return api.get("admin/organizations").body() + api.get("admin/courses").body()
                + api.get("admin/credentials").body() + api.get("admin/llm-configs").body();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
