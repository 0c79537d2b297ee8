package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.Endpoint;
import org.llmgate.testsupport.fake.Behavior;

/**
 * SPEC §5 and §10: a second instance of the WAR on the same PostgreSQL sees breakers tripped by the
 * first, and breakers and learned hints survive a restart.
 */
class ClusterIT {

    static Llmgate llmgate;
    static LlmgateServer second;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
        second = startSecond("second");
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void a_trip_on_one_instance_skips_the_scope_on_the_other_and_survives_a_restart() {
        Scenario s = new Scenario(llmgate);
        String deadKey = s.key("dead");
        String primary = s.model("primary");
        long dead = s.credential(OPENAI, deadKey);
        s.hop(OPENAI, dead, primary);
        long backup = s.hop(OPENAI, s.credential(OPENAI, s.key("good")), s.model("backup"));
        String codex = s.model("codex");
        Scenario learned = new Scenario(llmgate);
        learned.hop(OPENAI, learned.credential(OPENAI, learned.key("k")), codex);
        s.fake().scriptKey(deadKey, Behavior.status(401));
        s.fake().script(codex, Behavior.responsesOnly());

        assertThat(s.chat("hello").last().data().getJsonNumber("configId").longValue()).isEqualTo(backup);
        assertThat(learned.chat("hello").last().name()).isEqualTo("done");
        assertThat(s.fake().calls(primary)).isEqualTo(1);

        Api other = new Api(second.baseUrl());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> openCredentialBreaker(other, dead));
        // the other instance learns of the chain within its config refresh (2 s). A refresh in the
        // middle of the set-up sees the homework with its primary but not yet the fallback: with the
        // primary's breaker open, that chain has nothing to try and ends in an error event. Before
        // any refresh it answers 404. Neither calls anyone, so this waits for the whole chain.
        ChatStream onOther = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> chat(other, s.homework), stream -> !stream.events().isEmpty() && stream.last().name().equals("done"));
        assertThat(onOther.last().data().getJsonNumber("configId").longValue()).isEqualTo(backup);
        assertThat(onOther.named("attempt")).hasSize(1);
        assertThat(s.fake().calls(primary)).isEqualTo(1);

        second.close();
        second = startSecond("second-restarted");
        Api restarted = new Api(second.baseUrl());
        ChatStream afterRestart = chat(restarted, s.homework);
        assertThat(afterRestart.last().data().getJsonNumber("configId").longValue()).isEqualTo(backup);
        assertThat(s.fake().calls(primary)).isEqualTo(1);

        ChatStream learnedAfterRestart = chat(restarted, learned.homework);
        assertThat(learnedAfterRestart.names()).containsExactly("attempt", "delta", "delta", "delta", "done");
        assertThat(s.fake().calls(codex, Endpoint.CHAT_COMPLETIONS)).isEqualTo(1);
        assertThat(s.fake().calls(codex, Endpoint.RESPONSES)).isEqualTo(2);
    }

    @Test
    void a_breaker_reset_on_one_instance_closes_it_on_the_other() {
        Scenario s = new Scenario(llmgate);
        Scenario.Tripped tripped = s.rateLimitedPrimary("limited", Duration.ofSeconds(600));
        String limited = tripped.model();
        Api other = new Api(second.baseUrl());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> breakerState(other, limited).equals("OPEN"));
        s.fake().script(limited, Behavior.answer("back"));

        String key0 = Scenario.modelBreaker(other, limited).orElseThrow().getString("key");
        assertThat(other.post("admin/breakers/reset", jakarta.json.Json.createObjectBuilder().add("key", key0).build()).status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> breakerState(llmgate.api, limited).equals("CLOSED"));
        assertThat(s.chat("hello").last().data().getJsonNumber("configId").longValue()).isEqualTo(tripped.configId());
    }

    private static String breakerState(Api api, String model) {
        return Scenario.modelBreaker(api, model).map(b -> b.getString("state")).orElse("");
    }

    private static boolean openCredentialBreaker(Api api, long credentialId) {
        JsonObject health = api.get("admin/health").json();
        return health.getJsonArray("breakers").stream().map(v -> v.asJsonObject())
                .anyMatch(b -> b.getString("scope").equals("credential") && !b.isNull("credentialId")
                        && b.getJsonNumber("credentialId").longValue() == credentialId && b.getString("state").equals("OPEN"));
    }

    private static ChatStream chat(Api api, long homework) {
        return ChatStream.post(api, "{\"homeworkId\": " + homework
                + ", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}", Api.ADMIN_AUTH);
    }

    /** Same database and data directory (so the same generated master key) as the shared instance. */
    private static LlmgateServer startSecond(String name) {
        return LlmgateServer.start(name, llmgate.dbUrl, llmgate.db, llmgate.dataDir, Llmgate.TEST_SETTINGS);
    }
}
