package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;

/** Issue 11: upstream answers that used to poison persistence or lock a breaker for decades. */
class PoisonIT {

    static Llmgate llmgate;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
    }

    @Test
    void nul_and_control_characters_in_an_error_message_are_stored_stripped_and_persistence_goes_on() {
        Scenario s = new Scenario(llmgate);
        String deadKey = s.key("dead");
        long dead = s.credential(OPENAI, deadKey);
        String poison = s.model("poison");
        s.hop(OPENAI, dead, poison);
        String healthy = s.model("healthy");
        long healthyId = s.hop(OPENAI, s.credential(OPENAI, s.key("good")), healthy);
        s.fake().scriptKey(deadKey, Behavior.status(401).message("bad\u0000key\u0007 here\u001b[0m"));

        assertThat(s.chat("hello").last().data().getJsonNumber("configId").longValue()).isEqualTo(healthyId);

        assertThat(Database.awaitRows(llmgate, "SELECT last_error_message FROM model_hints WHERE model_id = '" + poison + "'", 1))
                .singleElement().asString().contains("bad", "key here").doesNotContain("\u0000", "\u0007", "\u001b");
        assertThat(Database.awaitRows(llmgate, "SELECT success_count FROM model_hints WHERE model_id = '" + healthy + "'", 1))
                .containsExactly("1");
        List<JsonObject> notes = Awaited.notificationsFor(llmgate, dead, 1);
        assertThat(notes.get(0).getString("message")).contains("bad").doesNotContain("\u0000");

        // persistence keeps working for the models that come after
        Scenario later = new Scenario(llmgate);
        String next = later.model("next");
        later.hop(OPENAI, later.credential(OPENAI, later.key("k")), next);
        assertThat(later.chat("hello").last().name()).isEqualTo("done");
        assertThat(Database.awaitRows(llmgate, "SELECT success_count FROM model_hints WHERE model_id = '" + next + "'", 1))
                .containsExactly("1");
    }

    @Test
    void a_retry_after_of_decades_opens_the_breaker_for_the_cap_and_a_reset_closes_it() {
        Scenario s = new Scenario(llmgate);
        Scenario.Tripped tripped = s.rateLimitedPrimary("decades", Duration.ofSeconds(1_000_000_000));
        String decades = tripped.model();
        long backupId = tripped.backupId();

        JsonObject breaker = Scenario.modelBreaker(llmgate.api, decades).orElseThrow();
        assertThat(breaker.getString("state")).isEqualTo("OPEN");
        assertThat(breaker.getString("errorClass")).isEqualTo("rate_limited");
        assertThat(Instant.parse(breaker.getString("openUntil")))
                .isBefore(Instant.now().plus(Duration.ofSeconds(3600 + 60)))
                .isAfter(Instant.now().plus(Duration.ofSeconds(3000)));
        assertThat(Database.awaitRows(llmgate, "SELECT state FROM circuit_states WHERE model = '" + decades + "'"
                + " AND open_until < now() + interval '3660 seconds'", 1)).containsExactly("OPEN");
        assertThat(s.chat("hello").last().data().getJsonNumber("configId").longValue()).isEqualTo(backupId);
        assertThat(s.fake().calls(decades)).isEqualTo(1);

        s.fake().script(decades, Behavior.answer("back"));
        Api.Reply reset = llmgate.api.post("admin/breakers/reset", Json.createObjectBuilder().add("key", breaker.getString("key")).build());

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().getString("state")).isEqualTo("CLOSED");
        assertThat(reset.json().getString("key")).isEqualTo(breaker.getString("key"));
        assertThat(s.chat("hello").last().data().getJsonNumber("configId").longValue()).isEqualTo(tripped.configId());
        assertThat(Database.awaitRows(llmgate, "SELECT state FROM circuit_states WHERE model = '" + decades + "'"
                + " AND state = 'CLOSED'", 1)).containsExactly("CLOSED");
    }

    @Test
    void resetting_an_unknown_breaker_is_a_404() {
        assertThat(llmgate.api.post("admin/breakers/reset", Json.createObjectBuilder().add("key", "model|openai|999999999|nope").build())
                .status()).isEqualTo(404);
        assertThat(llmgate.api.post("admin/breakers/reset", Json.createObjectBuilder().add("key", "not a key").build())
                .status()).isEqualTo(404);
        assertThat(llmgate.api.post("admin/breakers/reset", Json.createObjectBuilder().build()).status()).isEqualTo(400);
    }
}
