package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.testsupport.fake.FakeProvider.ANTHROPIC;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;
import static org.llmgate.testsupport.fake.FakeProvider.OPENROUTER;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmgate.providers.Endpoint;
import org.llmgate.testsupport.fake.Behavior;

/**
 * Issue 3: POST /api/chat through the chain, one scenario per error class of SPEC §4, asserting the
 * exact events a client sees and how many upstream calls were made.
 */
class ChatIT {

    static Llmgate llmgate;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "openai, 429, rate_limited",
            "openai, 500, upstream_error",
            "openai, 502, upstream_error",
            "openai, 503, upstream_error",
            "openai, 504, upstream_error",
            "anthropic, 529, overloaded",
            "openai, 401, auth_error",
            "openrouter, 402, credit_exhausted",
            "openai, 404, model_not_found",
    })
    void a_failing_primary_falls_back_before_the_first_token(String provider, int status, String errorClass) {
        Behavior failure = Behavior.status(status);
        if (status == 429) {
            failure = failure.retryAfter(Duration.ofSeconds(20));
        }
        assertFallback(provider, failure, errorClass);
    }

    @Test
    void anthropic_in_stream_overloaded_error_falls_back() {
        assertFallback(ANTHROPIC, Behavior.inStreamError("overloaded_error"), "overloaded");
    }

    @Test
    void a_200_stream_without_content_is_empty_response_and_falls_back() {
        assertFallback(OPENROUTER, Behavior.empty(), "empty_response");
    }

    @Test
    void a_stream_that_never_starts_is_a_timeout_and_falls_back() {
        assertFallback(OPENAI, Behavior.hang(), "timeout");
    }

    @Test
    void malformed_sse_is_upstream_error_and_falls_back() {
        assertFallback(OPENAI, Behavior.malformed(), "upstream_error");
    }

    @Test
    void an_unreachable_endpoint_falls_back() {
        Scenario s = new Scenario(llmgate);
        long dead = s.fixtures.credential(s.organization, OPENAI, s.key("dead"), "http://127.0.0.1:" + LlmgateServer.freePort() + "/v1");
        s.hop(OPENAI, dead, s.model("primary"));
        long backup = s.hop(OPENAI, s.credential(OPENAI, s.key("good")), s.model("backup"));

        ChatStream chat = s.chat("hello");

        assertThat(chat.names()).containsExactly("attempt", "fallback", "attempt", "delta", "delta", "delta", "done");
        assertThat(chat.named("fallback").get(0).data().getString("errorClass")).isEqualTo("unreachable");
        assertThat(chat.last().data().getJsonNumber("configId").longValue()).isEqualTo(backup);
    }

    @Test
    void a_healthy_primary_streams_deltas_then_done_with_usage() {
        Scenario s = new Scenario(llmgate);
        String model = s.model("primary");
        long primary = s.hop(OPENAI, s.credential(OPENAI, s.key("k")), model);
        s.fake().script(model, Behavior.answer("Hi", " there", "!").usage(12, 3));

        ChatStream chat = s.chat("hello");

        assertThat(chat.status()).isEqualTo(200);
        assertThat(chat.contentType()).startsWith("text/event-stream");
        assertThat(chat.names()).containsExactly("attempt", "delta", "delta", "delta", "done");
        assertThat(chat.events().get(0).data().getInt("hop")).isZero();
        assertThat(chat.text()).isEqualTo("Hi there!");
        var done = chat.last().data();
        assertThat(done.getJsonNumber("configId").longValue()).isEqualTo(primary);
        assertThat(done.getInt("hops")).isZero();
        assertThat(done.getJsonObject("usage").getInt("inputTokens")).isEqualTo(12);
        assertThat(done.getJsonObject("usage").getInt("outputTokens")).isEqualTo(3);
        assertThat(s.fake().calls(model)).isEqualTo(1);
    }

    @Test
    void a_drop_after_two_tokens_ends_with_stream_interrupted_and_no_fallback() {
        Scenario s = new Scenario(llmgate);
        String primary = s.model("primary");
        String backup = s.model("backup");
        long key = s.credential(OPENAI, s.key("k"));
        s.hop(OPENAI, key, primary);
        s.hop(OPENAI, key, backup);
        s.fake().script(primary, Behavior.dropAfter(2));

        ChatStream chat = s.chat("hello");

        assertThat(chat.names()).containsExactly("attempt", "delta", "delta", "error");
        assertThat(chat.last().data().getString("errorClass")).isEqualTo("stream_interrupted");
        assertThat(s.fake().calls(backup)).isZero();
    }

    @Test
    void responses_only_model_is_retried_on_the_responses_api_before_any_fallback() {
        Scenario s = new Scenario(llmgate);
        String model = s.model("codex");
        String backup = s.model("backup");
        long key = s.credential(OPENAI, s.key("k"));
        long primary = s.hop(OPENAI, key, model);
        s.hop(OPENAI, key, backup);
        s.fake().script(model, Behavior.responsesOnly());

        ChatStream chat = s.chat("hello");

        assertThat(chat.names()).containsExactly("attempt", "attempt", "delta", "delta", "delta", "done");
        assertThat(chat.named("attempt")).allSatisfy(a -> assertThat(a.data().getInt("hop")).isZero());
        assertThat(chat.last().data().getJsonNumber("configId").longValue()).isEqualTo(primary);
        assertThat(s.fake().calls(model, Endpoint.CHAT_COMPLETIONS)).isEqualTo(1);
        assertThat(s.fake().calls(model, Endpoint.RESPONSES)).isEqualTo(1);
        assertThat(s.fake().calls(backup)).isZero();
    }

    @Test
    void context_length_exceeded_falls_back_only_to_a_larger_context_config() {
        Scenario s = new Scenario(llmgate);
        long key = s.credential(OPENAI, s.key("k"));
        String small = s.model("small");
        String same = s.model("same");
        String large = s.model("large");
        s.hop(Fixtures.config(s.organization, OPENAI, key, small, null, 8_000));
        s.hop(Fixtures.config(s.organization, OPENAI, key, same, null, 8_000));
        long largeId = s.hop(Fixtures.config(s.organization, OPENAI, key, large, null, 200_000));
        s.fake().script(small, Behavior.contextTooLong());

        ChatStream chat = s.chat("a long essay");

        assertThat(chat.names()).containsExactly("attempt", "fallback", "attempt", "delta", "delta", "delta", "done");
        assertThat(chat.named("fallback").get(0).data().getString("errorClass")).isEqualTo("context_length_exceeded");
        assertThat(chat.last().data().getJsonNumber("configId").longValue()).isEqualTo(largeId);
        assertThat(chat.last().data().getInt("hops")).isEqualTo(2);
        assertThat(s.fake().calls(same)).isZero();
    }

    @Test
    void content_filtered_and_bad_request_do_not_fall_back() {
        for (Behavior refusal : List.of(Behavior.contentFiltered(), Behavior.status(400))) {
            Scenario s = new Scenario(llmgate);
            String primary = s.model("primary");
            String backup = s.model("backup");
            long key = s.credential(OPENAI, s.key("k"));
            s.hop(OPENAI, key, primary);
            s.hop(OPENAI, key, backup);
            s.fake().script(primary, refusal);

            ChatStream chat = s.chat("hello");

            assertThat(chat.names()).containsExactly("attempt", "error");
            assertThat(chat.last().data().getString("errorClass")).isIn("content_filtered", "bad_request");
            assertThat(s.fake().calls(backup)).isZero();
        }
    }

    @Test
    void a_chain_of_five_failing_configs_makes_at_most_four_attempts_and_one_error_listing_them() {
        Scenario s = new Scenario(llmgate);
        List<String> models = List.of(s.model("a"), s.model("b"), s.model("c"), s.model("d"), s.model("e"));
        for (String model : models) {
            s.hop(OPENAI, s.credential(OPENAI, s.key(model)), model);
            s.fake().script(model, Behavior.status(503));
        }

        ChatStream chat = s.chat("hello");

        assertThat(chat.status()).isEqualTo(200);
        assertThat(chat.named("attempt")).hasSize(4);
        assertThat(chat.named("fallback")).hasSize(3);
        assertThat(chat.names()).endsWith("error").doesNotContain("done");
        var error = chat.last().data();
        assertThat(error.getString("errorClass")).isEqualTo("upstream_error");
        assertThat(error.getJsonArray("attempts")).hasSize(4);
        assertThat(models.stream().mapToInt(m -> s.fake().calls(m)).sum()).isEqualTo(4);
        assertThat(s.fake().calls(models.get(4))).isZero();
    }

    @Test
    void every_attempt_is_recorded_in_the_attempts_table() throws Exception {
        Scenario s = new Scenario(llmgate);
        String primary = s.model("primary");
        long key = s.credential(OPENAI, s.key("k"));
        long primaryId = s.hop(OPENAI, key, primary);
        long backupId = s.hop(OPENAI, key, s.model("backup"));
        s.fake().script(primary, Behavior.status(500));

        s.chat("hello");

        List<String> rows = Database.awaitRows(llmgate,
                "SELECT config_id || ':' || outcome || ':' || coalesce(error_class, '-') || ':' || coalesce(http_status::text, '-')"
                        + " FROM attempts WHERE config_id IN (" + primaryId + ", " + backupId + ") ORDER BY id", 2);
        assertThat(rows).containsExactly(primaryId + ":failure:upstream_error:500", backupId + ":success:-:-");
    }

    private static void assertFallback(String provider, Behavior failure, String errorClass) {
        Scenario s = new Scenario(llmgate);
        String primary = s.model("primary");
        String backup = s.model("backup");
        long primaryId = s.hop(provider, s.credential(provider, s.key("primary")), primary);
        long backupId = s.hop(OPENAI, s.credential(OPENAI, s.key("backup")), backup);
        s.fake().script(primary, failure);
        s.fake().script(backup, Behavior.answer("Backup", " answer"));

        ChatStream chat = s.chat("hello");

        assertThat(chat.status()).isEqualTo(200);
        assertThat(chat.names()).containsExactly("attempt", "fallback", "attempt", "delta", "delta", "done");
        var fallback = chat.named("fallback").get(0).data();
        assertThat(fallback.getString("errorClass")).isEqualTo(errorClass);
        assertThat(fallback.getJsonNumber("fromConfigId").longValue()).isEqualTo(primaryId);
        assertThat(fallback.getJsonNumber("toConfigId").longValue()).isEqualTo(backupId);
        assertThat(chat.named("attempt").get(1).data().getInt("hop")).isEqualTo(1);
        assertThat(chat.text()).isEqualTo("Backup answer");
        assertThat(chat.last().data().getInt("hops")).isEqualTo(1);
        assertThat(s.fake().calls(primary)).isEqualTo(1);
        assertThat(s.fake().calls(backup)).isEqualTo(1);
    }
}
