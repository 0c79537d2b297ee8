package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 3: who may chat, and bad input refused with a 4xx problem before any stream opens. */
class RuntimeAccessIT {

    static Llmgate llmgate;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
    }

    @Test
    void an_integration_token_reaches_only_its_own_organization() {
        Scenario mine = new Scenario(llmgate);
        mine.hop(OPENAI, mine.credential(OPENAI, mine.key("k")), mine.model("m"));
        Scenario theirs = new Scenario(llmgate);
        theirs.hop(OPENAI, theirs.credential(OPENAI, theirs.key("k")), theirs.model("m"));
        String token = "Bearer " + llmgate.api.post("admin/organizations/" + mine.organization + "/tokens", null)
                .json().getString("token");

        assertThat(mine.chat("hello", token).last().name()).isEqualTo("done");
        ChatStream refused = theirs.chat("hello", token);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(llmgate.api.send("GET", "admin/health", null, token, null).status()).isEqualTo(403);
        assertThat(theirs.fake().calls(theirs.model("m"))).isZero();
    }

    @Test
    void a_key_that_cannot_be_decrypted_skips_its_configs_and_nothing_else() throws Exception {
        Scenario s = new Scenario(llmgate);
        long broken = s.credential(OPENAI, s.key("broken"));
        String brokenModel = s.model("broken");
        s.hop(OPENAI, broken, brokenModel);
        long backup = s.hop(OPENAI, s.credential(OPENAI, s.key("fine")), s.model("fine"));
        Scenario other = new Scenario(llmgate);
        other.hop(OPENAI, other.credential(OPENAI, other.key("k")), other.model("m"));

        try (var c = llmgate.db.connect(llmgate.dbUrl); var st = c.createStatement()) {
            // as if written under another master key; the version bump makes every instance reload
            st.executeUpdate("UPDATE credentials SET api_key_encrypted = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE id = " + broken);
            st.executeUpdate("UPDATE app_state SET value = CAST(CAST(value AS bigint) + 1 AS text) WHERE name = 'config_version'");
        }

        // until this instance notices the bump (within the refresh period), chats keep the key it decrypted before
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> s.chat("hello").last().data().getJsonNumber("configId").longValue() == backup);
        int callsAfterReload = s.fake().calls(brokenModel);
        assertThat(s.chat("hello").last().data().getJsonNumber("configId").longValue()).isEqualTo(backup);
        assertThat(s.fake().calls(brokenModel)).isEqualTo(callsAfterReload);
        assertThat(other.chat("hello").last().name()).isEqualTo("done");
        assertThat(llmgate.api.get("admin/organizations").status()).isEqualTo(200);
    }

    @Test
    void bad_chat_input_is_refused_before_the_stream_opens() {
        Scenario s = new Scenario(llmgate);
        String model = s.model("m");
        s.hop(OPENAI, s.credential(OPENAI, s.key("k")), model);
        long unconfigured = new Fixtures(llmgate.api).homework(new Fixtures(llmgate.api).course(s.organization));
        String ok = "[{\"role\": \"user\", \"content\": \"hi\"}]";

        record Case(String body, int status) {
        }
        List<Case> cases = List.of(
                new Case("{\"homeworkId\": " + s.homework + "}", 400),
                new Case("{\"homeworkId\": " + s.homework + ", \"messages\": []}", 400),
                new Case("{\"homeworkId\": " + s.homework + ", \"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}", 400),
                new Case("{\"homeworkId\": " + s.homework + ", \"messages\": [{\"role\": \"user\", \"content\": 5}]}", 400),
                new Case("{\"messages\": " + ok + "}", 400),
                new Case("{\"homeworkId\": " + s.homework + ", \"courseId\": " + s.course + ", \"messages\": " + ok + "}", 400),
                new Case("{\"homeworkId\": \"" + s.homework + "\", \"messages\": " + ok + "}", 400),
                new Case("{\"homeworkId\": 99999999, \"messages\": " + ok + "}", 404),
                new Case("{\"homeworkId\": " + unconfigured + ", \"messages\": " + ok + "}", 409),
                new Case("{\"homeworkId\": ", 400));
        for (Case c : cases) {
            ChatStream reply = ChatStream.post(llmgate.api, c.body(), Api.ADMIN_AUTH);
            assertThat(reply.status()).as(c.body() + " -> " + reply.body()).isEqualTo(c.status());
            assertThat(reply.contentType()).as(c.body()).startsWith("application/problem+json");
        }
        Api.Reply badModel = llmgate.api.post("v1/chat/completions",
                "{\"model\": \"gpt-4o\", \"messages\": " + ok + "}");
        assertThat(badModel.status()).isEqualTo(400);
        assertThat(badModel.body()).contains("homework:{id}");
        assertThat(s.fake().calls(model)).isZero();
    }
}
