package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.llmgate.testsupport.fake.Behavior;

/**
 * Issue 11, SPEC §10 "Faults": llmgate on a PostgreSQL of its own that the test stops and starts
 * again, so the shared instance of the other tests never sees the outage.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    static final int OUTAGE_CHATS = 20;
    static TestDatabase db;
    static Llmgate llmgate;

    @BeforeAll
    static void start() {
        db = TestDatabase.stoppable();
        llmgate = Llmgate.own("faults", db, Map.of(
                "llmgate.retention.period-seconds", "2",
                "llmgate.breaker.cleanup-seconds", "2"));
    }

    @AfterAll
    static void stop() {
        if (llmgate != null) {
            llmgate.close();
        }
    }

    @Test
    @Order(1)
    void a_database_outage_right_after_an_admin_change_stops_no_chat_and_loses_no_row() {
        Scenario s = new Scenario(llmgate);
        long key = s.credential(OPENAI, s.key("k"));
        String limited = s.model("limited");
        String backup = s.model("backup");
        s.hop(OPENAI, key, limited);
        long backupId = s.hop(OPENAI, key, backup);
        assertThat(s.chat("before").last().data().getString("model")).isEqualTo(limited);
        // the admin change right before the outage: a new integration token, used only during it
        String token = s.api().post("admin/organizations/" + s.organization + "/tokens", Json.createObjectBuilder().build())
                .json().getString("token");
        s.fake().script(limited, Behavior.status(429).retryAfter(Duration.ofSeconds(600)));
        Scenario deadKey = new Scenario(llmgate);
        String dead = deadKey.key("dead");
        long deadCredential = deadKey.credential(OPENAI, dead);
        deadKey.hop(OPENAI, deadCredential, deadKey.model("primary"));
        deadKey.hop(OPENAI, deadKey.credential(OPENAI, deadKey.key("good")), deadKey.model("backup"));
        deadKey.fake().scriptKey(dead, Behavior.status(401));

        db.stop();
        try {
            for (int i = 0; i < OUTAGE_CHATS; i++) {
                ChatStream chat = s.chat("during the outage " + i, "Bearer " + token);
                assertThat(chat.status()).as("chat %d", i).isEqualTo(200);
                assertThat(chat.last().name()).as("chat %d", i).isEqualTo("done");
                assertThat(chat.last().data().getJsonNumber("configId").longValue()).isEqualTo(backupId);
            }
            // a permanent trip during the outage: its notification must wait for the database
            assertThat(deadKey.chat("hello").last().name()).isEqualTo("done");
            Api.Reply write = s.api().post("admin/organizations", Json.createObjectBuilder().add("name", "During").build());
            assertThat(write.status()).isEqualTo(503);
            assertThat(write.contentType()).startsWith("application/problem+json");
            Api.Reply health = s.api().get("admin/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().getString("database")).isEqualTo("down");
            assertThat(openModelBreaker(health.json(), limited)).isTrue();
        } finally {
            db.startAgain();
        }

        assertThat(Database.awaitRows(llmgate, "SELECT id FROM attempts WHERE model = '" + backup + "'", OUTAGE_CHATS))
                .hasSize(OUTAGE_CHATS);
        assertThat(Database.awaitRows(llmgate, "SELECT error_class FROM attempts WHERE model = '" + limited + "'"
                + " AND outcome = 'failure'", 1)).containsExactly("rate_limited");
        assertThat(Database.awaitRows(llmgate, "SELECT state FROM circuit_states WHERE scope = 'MODEL' AND model = '"
                + limited + "'", 1)).containsExactly("OPEN");
        assertThat(Database.awaitRows(llmgate, "SELECT last_error_class FROM model_hints WHERE model_id = '" + limited
                + "' AND last_error_class IS NOT NULL", 1)).containsExactly("rate_limited");
        assertThat(Database.awaitRows(llmgate, "SELECT success_count FROM model_hints WHERE model_id = '" + backup
                + "' AND success_count = " + OUTAGE_CHATS, 1)).containsExactly(String.valueOf(OUTAGE_CHATS));
        assertThat(Database.awaitRows(llmgate, "SELECT title FROM notifications WHERE credential_id = " + deadCredential, 1))
                .singleElement().asString().contains("auth_error");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                s.api().post("admin/organizations", Json.createObjectBuilder().add("name", Fixtures.unique("After")).build())
                        .status() == 201);
        Api.Reply health = s.api().get("admin/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("database")).isEqualTo("up");
    }

    @Test
    @Order(2)
    void breakers_of_a_deleted_config_are_forgotten() {
        Scenario s = new Scenario(llmgate);
        Scenario.Tripped tripped = s.rateLimitedPrimary("doomed", Duration.ofSeconds(600));
        String doomed = tripped.model();
        Database.awaitRows(llmgate, "SELECT state FROM circuit_states WHERE model = '" + doomed + "'", 1);

        s.fixtures.assignHomework(s.homework, tripped.backupId());
        assertThat(s.api().delete("admin/llm-configs/" + tripped.configId()).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() ->
                Database.rows(llmgate, "SELECT state FROM circuit_states WHERE model = '" + doomed + "'").isEmpty()
                        && Scenario.modelBreaker(s.api(), doomed).isEmpty());
    }

    @Test
    @Order(3)
    void attempts_and_notifications_past_their_retention_are_deleted() {
        String old = Fixtures.unique("old");
        String recent = Fixtures.unique("recent");
        Instant longAgo = Instant.now().minus(Duration.ofDays(500));
        Database.execute(llmgate, "INSERT INTO attempts (request_id, hop, outcome, created_at) VALUES"
                + " ('" + old + "', 0, 'success', '" + longAgo + "'), ('" + recent + "', 0, 'success', now())");
        Database.execute(llmgate, "INSERT INTO notifications (severity, title, message, created_at) VALUES"
                + " ('normal', '" + old + "', 'x', '" + longAgo + "'), ('normal', '" + recent + "', 'x', now())");

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() ->
                Database.rows(llmgate, "SELECT id FROM attempts WHERE request_id = '" + old + "'").isEmpty()
                        && Database.rows(llmgate, "SELECT id FROM notifications WHERE title = '" + old + "'").isEmpty());
        assertThat(Database.rows(llmgate, "SELECT id FROM attempts WHERE request_id = '" + recent + "'")).hasSize(1);
        assertThat(Database.rows(llmgate, "SELECT id FROM notifications WHERE title = '" + recent + "'")).hasSize(1);
    }

    static boolean openModelBreaker(JsonObject health, String model) {
        List<JsonObject> breakers = health.getJsonArray("breakers").getValuesAs(JsonObject.class);
        return breakers.stream().anyMatch(b -> model.equals(b.getString("model", null)) && "OPEN".equals(b.getString("state")));
    }
}
