package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.Endpoint;
import org.llmgate.testsupport.fake.RecordedRequest;

/**
 * Issue 15, upgrade in place: the previous release's database (a dump of what its WAR wrote, in
 * src/test/resources/upgrade) is loaded into a fresh PostgreSQL, then the current WAR starts on it.
 * Liquibase migrates the schema and every organization, key, breaker, hint, notification and
 * attempt is still there; the stored key still decrypts (the fake provider receives it) and the
 * learned hint still steers the call.
 */
class UpgradeIT {

    static final String DUMP = "/upgrade/previous-release.sql";
    /** The master key the previous release ran with when the dump was made (a test value, not a secret). */
    static final String MASTER_KEY = "upgrade-test-master-key-not-a-secret";
    static final String KEPT_KEY = "sk-test-upgrade-kept-key-0123456789abcdef";

    static Llmgate llmgate;
    static String dbUrl;
    static LlmgateServer server;
    static Api api;

    @BeforeAll
    static void upgrade() throws Exception {
        llmgate = Llmgate.shared();
        dbUrl = llmgate.db.createDatabase("llmgate_upgrade");
        try (Connection c = llmgate.db.connect(dbUrl); Statement s = c.createStatement()) {
            s.execute(previousRelease());
            // the only change a test needs: the fake providers listen on another port than when the dump was made
            s.executeUpdate("UPDATE public.credentials SET base_url = '" + llmgate.fake.baseUrl(OPENAI) + "'");
        }
        assertThat(changeSets()).as("the dump is the previous schema").doesNotContain("002-written-at");
        Map<String, String> settings = new HashMap<>(Llmgate.TEST_SETTINGS);
        settings.put("llmgate.master.key", MASTER_KEY);
        server = LlmgateServer.start("upgrade", dbUrl, llmgate.db, Llmgate.tempDir("llmgate-upgrade"), settings);
        api = new Api(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_current_war_migrates_the_previous_schema_and_keeps_every_row() throws Exception {
        assertThat(changeSets()).contains("001-tenancy", "001-llm-configs", "001-operations", "002-written-at",
                "011-breaker-error-class");
        assertThat(names("admin/organizations")).contains("Upgrade University");
        assertThat(names("admin/homeworks")).contains("Kept homework", "Dead key homework", "Responses homework");
        assertThat(names("admin/credentials")).contains("Kept key", "Dead key");
        assertThat(api.get("admin/llm-configs/2").json().getJsonNumber("fallbackConfigId").longValue()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM circuit_states WHERE scope_id = 'credential|openai|2'"
                + " AND written_at IS NOT NULL")).as("the dead key's breaker, with the new column filled").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM circuit_states WHERE scope_id = 'credential|openai|2'"
                + " AND error_class = 'auth_error'")).as("its class, taken from the old reason text").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM attempts WHERE id <= 5")).as("the previous release's attempts").isEqualTo(5);
        assertThat(api.get("admin/notifications").array().stream().map(v -> v.asJsonObject())
                .filter(n -> !n.isNull("credentialId") && n.getJsonNumber("credentialId").longValue() == 2)).hasSize(1);
        JsonObject hint = api.get("admin/model-hints").array().stream().map(v -> v.asJsonObject())
                .filter(h -> h.getString("modelId").equals("responses-only-model")).findFirst().orElseThrow();
        assertThat(hint.getString("preferredEndpoint")).isEqualTo("responses");
    }

    @Test
    void a_key_stored_by_the_previous_release_still_reaches_the_provider() {
        ChatStream chat = ChatStream.post(api, "{\"homeworkId\": 1, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                Api.ADMIN_AUTH);

        assertThat(chat.last().name()).isEqualTo("done");
        List<String> sent = new ArrayList<>();
        for (RecordedRequest r : llmgate.fake.requests()) {
            if (r.body() != null && r.body().contains("\"upgrade-model\"")) {
                sent.add(r.header("Authorization"));
            }
        }
        assertThat(sent).isNotEmpty().allMatch(("Bearer " + KEPT_KEY)::equals);
    }

    @Test
    void a_hint_learned_by_the_previous_release_still_picks_the_endpoint() {
        ChatStream chat = ChatStream.post(api, "{\"homeworkId\": 3, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                Api.ADMIN_AUTH);

        assertThat(chat.names()).containsExactly("attempt", "delta", "delta", "delta", "done");
        assertThat(llmgate.fake.calls("responses-only-model", Endpoint.CHAT_COMPLETIONS)).isZero();
    }

    private static String previousRelease() throws IOException {
        try (InputStream in = UpgradeIT.class.getResourceAsStream(DUMP)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> changeSets() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = llmgate.db.connect(dbUrl);
             PreparedStatement s = c.prepareStatement("SELECT id FROM public.databasechangelog ORDER BY orderexecuted");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = llmgate.db.connect(dbUrl); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> names(String path) {
        return api.get(path).array().stream().map(v -> v.asJsonObject().getString(path.endsWith("credentials") ? "label" : "name"))
                .toList();
    }
}
