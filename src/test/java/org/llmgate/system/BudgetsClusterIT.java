package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;

/** Issue 13: no overshoot with two instances of the WAR on one PostgreSQL. */
class BudgetsClusterIT {

    static Llmgate llmgate;
    static LlmgateServer second;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
        second = LlmgateServer.start("budgets-second", llmgate.dbUrl, llmgate.db, llmgate.dataDir, Llmgate.TEST_SETTINGS);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void fifty_chats_split_over_two_instances_against_a_budget_for_ten_reach_the_provider_ten_times() throws Exception {
        Scenario s = new Scenario(llmgate);
        long credential = s.credential(OPENAI, s.key("paid"));
        String model = s.model("paid");
        s.hop(priced(s, credential, model));
        s.fake().script(model, Behavior.answer("Hi", " there").usage(9, 10).delay(Duration.ofMillis(150)));
        long budget = llmgate.api.create("admin/budgets", Json.createObjectBuilder().add("organizationId", s.organization)
                .add("courseId", s.course).add("limitCents", new BigDecimal("19")).build());
        // a probe created after the budget: once the second instance refuses it, it knows the budget too
        long probeCourse = s.fixtures.course(s.organization);
        long probe = s.fixtures.homework(probeCourse);
        s.fixtures.assignHomework(probe, llmgate.api.create("admin/llm-configs", priced(s, credential, s.model("probe")).build()));
        llmgate.api.create("admin/budgets", Json.createObjectBuilder().add("organizationId", s.organization)
                .add("homeworkId", probe).add("limitTokens", 0).build());
        Api other = new Api(second.baseUrl());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
            ChatStream c = chat(other, probe);
            return !c.events().isEmpty() && c.last().name().equals("error")
                    && c.last().data().getString("errorClass").equals("budget_exhausted");
        });

        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<ChatStream>> chats = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Api api = i % 2 == 0 ? llmgate.api : other;
            chats.add(pool.submit(() -> chat(api, s.homework)));
        }
        Map<String, Long> outcomes = new TreeMap<>();
        for (Future<ChatStream> chat : chats) {
            ChatStream c = chat.get();
            outcomes.merge(c.last().name().equals("done") ? "done" : c.last().data().getString("errorClass"), 1L, Long::sum);
        }
        pool.shutdown();

        System.out.printf("two instances, 50 chats, budget for 10: %s, %d upstream calls%n", outcomes, s.fake().calls(model));
        assertThat(s.fake().calls(model)).isEqualTo(10);
        assertThat(outcomes).containsEntry("done", 10L).containsEntry("budget_exhausted", 40L);
        // the second instance writes its spending within a quarter second and gives its unused slice back
        // after a few idle seconds; until then the budget counts it as reserved
        JsonObject[] status = new JsonObject[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            status[0] = llmgate.api.get("admin/budgets/" + budget + "/status").json();
            return status[0].getJsonNumber("reservedCents").bigDecimalValue().signum() == 0;
        });
        assertThat(status[0].getJsonNumber("spentCents").bigDecimalValue()).isEqualByComparingTo("19");
    }

    private static jakarta.json.JsonObjectBuilder priced(Scenario s, long credential, String model) {
        return Fixtures.config(s.organization, OPENAI, credential, model, null, null)
                .add("maxOutputTokens", 10).add("inputCentsPerMillion", 100_000).add("outputCentsPerMillion", 100_000);
    }

    private static ChatStream chat(Api api, long homework) {
        return ChatStream.post(api, "{\"homeworkId\": " + homework
                + ", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]}", Api.ADMIN_AUTH);
    }
}
