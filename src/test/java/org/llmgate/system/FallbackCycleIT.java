package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §3: a fallback cycle is refused when saved, also when its two halves are saved at once. */
class FallbackCycleIT {

    static Llmgate llmgate;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
    }

    @Test
    void two_concurrent_saves_a_to_b_and_b_to_a_cannot_both_pass() {
        Scenario s = new Scenario(llmgate);
        long key = s.credential(OPENAI, s.key("k"));
        for (int round = 0; round < 6; round++) {
            long a = s.fixtures.config(s.organization, OPENAI, key, s.model("a" + round), null);
            long b = s.fixtures.config(s.organization, OPENAI, key, s.model("b" + round), null);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> aToB = CompletableFuture.supplyAsync(() -> pointAt(go, a, b));
            CompletableFuture<Integer> bToA = CompletableFuture.supplyAsync(() -> pointAt(go, b, a));
            go.countDown();

            assertThat(List.of(aToB.join(), bToA.join())).as("round %d", round).containsExactlyInAnyOrder(200, 409);
        }
    }

    @Test
    void a_config_naming_itself_as_its_fallback_is_a_conflict() {
        Scenario s = new Scenario(llmgate);
        long config = s.hop(OPENAI, s.credential(OPENAI, s.key("k")), s.model("self"));

        Api.Reply reply = llmgate.api.put("admin/llm-configs/" + config, withFallback(config, config).build());

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().getString("detail")).contains("itself");
        assertThat(llmgate.api.get("admin/llm-configs/" + config).json().isNull("fallbackConfigId")).isTrue();
    }

    private static int pointAt(CountDownLatch go, long config, long fallback) {
        JsonObjectBuilder body = withFallback(config, fallback);
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return llmgate.api.put("admin/llm-configs/" + config, body.build()).status();
    }

    private static JsonObjectBuilder withFallback(long config, long fallback) {
        JsonObjectBuilder body = Json.createObjectBuilder(llmgate.api.get("admin/llm-configs/" + config).json())
                .add("fallbackConfigId", fallback);
        body.remove("id");
        return body;
    }
}
