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
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(llmgate.api.send("GET", "admin/health", null, token, null).status()).isEqualTo(403);
        assertThat(theirs.fake().calls(theirs.model("m"))).isZero();
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
