package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.testsupport.fake.FakeProvider.ANTHROPIC;
import static org.llmgate.testsupport.fake.FakeProvider.COMPATIBLE;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;
import static org.llmgate.testsupport.fake.FakeProvider.OPENROUTER;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;
import org.llmgate.testsupport.fake.FakeProvider;

/**
 * Issue 6: the live model catalog behind GET /api/admin/llm-providers/{provider}/models, the
 * test-connection check, and the catalog facts an llm-config is filled in with. Every scenario
 * uses its own credential and key, so cache entries never cross scenarios; the shared fake is
 * never left down or slow.
 */
class CatalogIT {

    static Llmgate llmgate;
    static Api api;
    static FakeProvider fake;
    static Fixtures fixtures;
    static long organization;

    /** Every key this class sent; none may show up in any answer. */
    static final List<String> KEYS = new ArrayList<>();

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
        api = llmgate.api;
        fake = llmgate.fake;
        fixtures = new Fixtures(api);
        organization = fixtures.organization();
    }

    static String key(String name) {
        String key = "sk-catalog-" + name + "-" + Fixtures.unique("k") + "-0123456789abcdef";
        KEYS.add(key);
        return key;
    }

    static long credential(String provider) {
        return fixtures.credential(organization, provider, key(provider), fake.baseUrl(provider));
    }

    static Api.Reply models(String provider, long credential) {
        return api.get("admin/llm-providers/" + provider + "/models?credentialId=" + credential);
    }

    static Api.Reply testConnection(String provider, JsonObject body) {
        return api.post("admin/llm-providers/" + provider + "/test-connection", body);
    }

    static void assertNoKey(Api.Reply reply) {
        for (String key : KEYS) {
            assertThat(reply.body()).doesNotContain(key).doesNotContain(key.substring(0, 20));
        }
    }

    static JsonObject model(JsonObject answer, String id) {
        return answer.getJsonArray("models").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + answer));
    }

    static BigDecimal decimal(JsonObject json, String field) {
        return json.isNull(field) ? null : json.getJsonNumber(field).bigDecimalValue();
    }

    // --- catalog ------------------------------------------------------------------------------------

    @Test
    void openrouter_catalog_gives_names_context_pricing_and_the_free_flag() {
        Api.Reply reply = models(OPENROUTER, credential(OPENROUTER));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonObject answer = reply.json();
        assertThat(answer.keySet()).containsExactlyInAnyOrder("provider", "stale", "fetchedAt", "models");
        assertThat(answer.getString("provider")).isEqualTo(OPENROUTER);
        assertThat(answer.getBoolean("stale")).isFalse();
        assertThat(answer.getString("fetchedAt")).isNotBlank();
        assertThat(Api.names(answer.getJsonArray("models"), "id")).containsExactly(
                "\"meta-llama/llama-3.3-70b-instruct:free\"", "\"openai/gpt-4o-mini\"", "\"anthropic/claude-sonnet-4\"");

        JsonObject free = model(answer, "meta-llama/llama-3.3-70b-instruct:free");
        assertThat(free.keySet()).containsExactlyInAnyOrder("id", "name", "contextWindow", "inputCentsPerMillion",
                "outputCentsPerMillion", "free");
        assertThat(free.getString("name")).isEqualTo("Meta: Llama 3.3 70B Instruct (free)");
        assertThat(free.getInt("contextWindow")).isEqualTo(131_072);
        assertThat(decimal(free, "inputCentsPerMillion")).isZero();
        assertThat(free.getBoolean("free")).isTrue();

        JsonObject paid = model(answer, "openai/gpt-4o-mini");
        assertThat(decimal(paid, "inputCentsPerMillion")).isEqualByComparingTo("15");
        assertThat(decimal(paid, "outputCentsPerMillion")).isEqualByComparingTo("60");
        assertThat(paid.getInt("contextWindow")).isEqualTo(128_000);
        assertThat(paid.getBoolean("free")).isFalse();
        assertNoKey(reply);
    }

    @Test
    void openai_catalog_gives_ids_only_and_unknown_pricing_is_not_free() {
        JsonObject answer = models(OPENAI, credential(OPENAI)).json();

        assertThat(Api.names(answer.getJsonArray("models"), "id")).containsExactly("\"gpt-4o-mini\"", "\"gpt-4.1\"", "\"o3-pro\"");
        JsonObject mini = model(answer, "gpt-4o-mini");
        assertThat(mini.getString("name")).isEqualTo("gpt-4o-mini");
        assertThat(mini.isNull("contextWindow")).isTrue();
        assertThat(mini.isNull("inputCentsPerMillion")).isTrue();
        assertThat(mini.isNull("outputCentsPerMillion")).isTrue();
        assertThat(mini.getBoolean("free")).isFalse();
    }

    @Test
    void openai_compatible_catalog_reads_the_vllm_context_length() {
        JsonObject answer = models(COMPATIBLE, credential(COMPATIBLE)).json();

        JsonObject llama = model(answer, "meta-llama/Llama-3.1-8B-Instruct");
        assertThat(llama.getInt("contextWindow")).isEqualTo(131_072);
        assertThat(answer.getJsonArray("models")).hasSize(1);
    }

    @Test
    void anthropic_catalog_is_read_across_pages_with_display_names() {
        long credential = credential(ANTHROPIC);
        int before = fake.catalogCalls(ANTHROPIC);

        JsonObject answer = models(ANTHROPIC, credential).json();

        assertThat(Api.names(answer.getJsonArray("models"), "id")).containsExactly(
                "\"claude-opus-4-1-20250805\"", "\"claude-sonnet-4-20250514\"", "\"claude-3-5-haiku-20241022\"");
        assertThat(model(answer, "claude-sonnet-4-20250514").getString("name")).isEqualTo("Claude Sonnet 4");
        assertThat(model(answer, "claude-sonnet-4-20250514").getInt("contextWindow")).isEqualTo(200_000);
        // the fake pages by two: two requests for three models
        assertThat(fake.catalogCalls(ANTHROPIC) - before).isEqualTo(2);
    }

    @Test
    void a_second_call_within_the_ttl_makes_no_upstream_call() {
        long credential = credential(OPENAI);
        int before = fake.catalogCalls(OPENAI);

        JsonObject first = models(OPENAI, credential).json();
        JsonObject second = models(OPENAI, credential).json();

        assertThat(fake.catalogCalls(OPENAI) - before).isEqualTo(1);
        assertThat(second.getString("fetchedAt")).isEqualTo(first.getString("fetchedAt"));
        assertThat(second.getBoolean("stale")).isFalse();
    }

    @Test
    void twenty_concurrent_calls_on_a_cold_cache_make_one_upstream_call() throws Exception {
        long credential = credential(OPENAI);
        int before = fake.catalogCalls(OPENAI);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        fake.setCatalogDelay(Duration.ofMillis(800));
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return models(OPENAI, credential);
                }));
            }
            go.countDown();
            for (Future<Api.Reply> reply : replies) {
                Api.Reply r = reply.get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().getJsonArray("models")).hasSize(3);
            }
        } finally {
            fake.setCatalogDelay(Duration.ZERO);
            pool.shutdownNow();
        }
        assertThat(fake.catalogCalls(OPENAI) - before).isEqualTo(1);
    }

    @Test
    void a_down_provider_serves_the_last_good_list_as_stale_and_a_cold_one_answers_502() {
        long credential = credential(OPENROUTER);
        long cold = credential(OPENROUTER);
        JsonObject good = models(OPENROUTER, credential).json();
        fake.setDown(true);
        try {
            Api.Reply stale = api.get("admin/llm-providers/openrouter/models?refresh=true&credentialId=" + credential);
            Api.Reply none = models(OPENROUTER, cold);

            assertThat(stale.status()).as(stale.body()).isEqualTo(200);
            assertThat(stale.json().getBoolean("stale")).isTrue();
            assertThat(stale.json().getString("fetchedAt")).isEqualTo(good.getString("fetchedAt"));
            assertThat(stale.json().getJsonArray("models")).isEqualTo(good.getJsonArray("models"));

            assertThat(none.status()).as(none.body()).isEqualTo(502);
            assertThat(none.contentType()).startsWith("application/problem+json");
            assertThat(none.json().getString("detail")).contains("upstream_error");
            assertNoKey(stale);
            assertNoKey(none);
        } finally {
            fake.setDown(false);
        }
    }

    @Test
    void a_hanging_provider_serves_the_last_good_list_within_the_admins_wait() {
        long credential = credential(OPENAI);
        JsonObject good = models(OPENAI, credential).json();
        fake.setCatalogDelay(Duration.ofSeconds(12));
        long started = System.nanoTime();
        Api.Reply stale;
        try {
            stale = api.get("admin/llm-providers/openai/models?refresh=true&credentialId=" + credential);
        } finally {
            fake.setCatalogDelay(Duration.ZERO);
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(stale.status()).as(stale.body()).isEqualTo(200);
        assertThat(stale.json().getBoolean("stale")).isTrue();
        assertThat(stale.json().getString("fetchedAt")).isEqualTo(good.getString("fetchedAt"));
        assertThat(stale.json().getJsonArray("models")).isEqualTo(good.getJsonArray("models"));
        // the admin waits 5 s for a list (CatalogCache); the provider's own bound is 10 s
        assertThat(tookMs).isBetween(4_500L, 9_500L);
        assertNoKey(stale);
    }

    @Test
    void changing_a_credential_drops_its_cached_list() {
        long credential = credential(OPENAI);
        int before = fake.catalogCalls(OPENAI);
        models(OPENAI, credential);
        JsonObject current = api.get("admin/credentials/" + credential).json();
        JsonObjectBuilder renamed = Json.createObjectBuilder(current).add("label", Fixtures.unique("renamed"));
        renamed.remove("id");
        renamed.remove("keyHint");
        assertThat(api.put("admin/credentials/" + credential, renamed.build()).status()).isEqualTo(200);

        models(OPENAI, credential);

        assertThat(fake.catalogCalls(OPENAI) - before).isEqualTo(2);
    }

    @Test
    void bad_catalog_requests_get_problems() {
        long openai = credential(OPENAI);
        assertThat(api.get("admin/llm-providers/nope/models?credentialId=" + openai).status()).isEqualTo(404);
        assertThat(api.get("admin/llm-providers/openai/models").status()).isEqualTo(400);
        assertThat(api.get("admin/llm-providers/openai/models?credentialId=abc").status()).isEqualTo(400);
        assertThat(api.get("admin/llm-providers/openai/models?credentialId=987654321").status()).isEqualTo(404);
        Api.Reply mismatch = models(ANTHROPIC, openai);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.contentType()).startsWith("application/problem+json");
        assertThat(api.get("admin/llm-providers/openai/models?refresh=maybe&credentialId=" + openai).status()).isEqualTo(400);
    }

    // --- test-connection ----------------------------------------------------------------------------

    @Test
    void a_good_key_and_listed_model_pass() {
        long credential = credential(OPENAI);

        Api.Reply reply = testConnection(OPENAI, Json.createObjectBuilder()
                .add("credentialId", credential).add("model", "gpt-4o-mini").build());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonObject answer = reply.json();
        assertThat(answer.getBoolean("ok")).isTrue();
        assertThat(answer.getBoolean("keyValid")).isTrue();
        assertThat(answer.getBoolean("modelAvailable")).isTrue();
        assertThat(answer.getJsonNumber("latencyMs").longValue()).isNotNegative();
        assertThat(answer.isNull("errorClass")).isTrue();
        assertNoKey(reply);
    }

    @Test
    void a_pasted_key_is_tested_before_it_is_saved() {
        String key = key("pasted");

        Api.Reply reply = testConnection(OPENROUTER, Json.createObjectBuilder().add("apiKey", key)
                .add("baseUrl", fake.baseUrl(OPENROUTER)).add("model", "meta-llama/llama-3.3-70b-instruct:free").build());

        assertThat(reply.json().getBoolean("ok")).as(reply.body()).isTrue();
        assertNoKey(reply);
    }

    @Test
    void a_bad_key_is_an_auth_error() {
        String key = key("revoked");
        fake.scriptKey(key, Behavior.status(401));

        Api.Reply reply = testConnection(OPENAI, Json.createObjectBuilder().add("apiKey", key)
                .add("baseUrl", fake.baseUrl(OPENAI)).add("model", "gpt-4o-mini").build());

        JsonObject answer = reply.json();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(answer.getBoolean("ok")).as(reply.body()).isFalse();
        assertThat(answer.getBoolean("keyValid")).isFalse();
        assertThat(answer.getString("errorClass")).isEqualTo("auth_error");
        assertThat(answer.getString("message")).isNotBlank();
        assertNoKey(reply);
    }

    @Test
    void a_model_missing_from_the_catalog_is_model_not_found() {
        Api.Reply reply = testConnection(ANTHROPIC, Json.createObjectBuilder()
                .add("credentialId", credential(ANTHROPIC)).add("model", "claude-does-not-exist").build());

        JsonObject answer = reply.json();
        assertThat(answer.getBoolean("ok")).as(reply.body()).isFalse();
        assertThat(answer.getBoolean("keyValid")).isTrue();
        assertThat(answer.getBoolean("modelAvailable")).isFalse();
        assertThat(answer.getString("errorClass")).isEqualTo("model_not_found");
        assertNoKey(reply);
    }

    @Test
    void a_closed_port_is_unreachable() {
        String key = key("closed");
        Api.Reply reply = testConnection(OPENAI, Json.createObjectBuilder().add("apiKey", key)
                .add("baseUrl", "http://127.0.0.1:" + LlmgateServer.freePort() + "/v1").add("model", "gpt-4o-mini").build());

        JsonObject answer = reply.json();
        assertThat(answer.getBoolean("ok")).as(reply.body()).isFalse();
        assertThat(answer.getBoolean("keyValid")).isFalse();
        assertThat(answer.getString("errorClass")).isEqualTo("unreachable");
        assertNoKey(reply);
    }

    @Test
    void a_slow_provider_is_a_timeout_within_the_bound() {
        long credential = credential(OPENAI);
        fake.setCatalogDelay(Duration.ofSeconds(12));
        Api.Reply reply;
        try {
            reply = testConnection(OPENAI, Json.createObjectBuilder()
                    .add("credentialId", credential).add("model", "gpt-4o-mini").build());
        } finally {
            fake.setCatalogDelay(Duration.ZERO);
        }

        JsonObject answer = reply.json();
        assertThat(answer.getBoolean("ok")).as(reply.body()).isFalse();
        assertThat(answer.getString("errorClass")).isEqualTo("timeout");
        // the test server bounds a test-connection to 4 s (Llmgate.TEST_SETTINGS)
        assertThat(answer.getJsonNumber("latencyMs").longValue()).isBetween(3_500L, 8_000L);
        assertNoKey(reply);
    }

    @Test
    void bad_test_connection_input_gets_a_problem_that_never_shows_the_key() {
        String key = key("input");
        long credential = credential(OPENAI);
        List<Api.Reply> replies = List.of(
                testConnection(OPENAI, Json.createObjectBuilder().add("apiKey", key).build()),
                testConnection(OPENAI, Json.createObjectBuilder().add("credentialId", credential).add("apiKey", key)
                        .add("model", "gpt-4o-mini").build()),
                testConnection(OPENAI, Json.createObjectBuilder().add("model", "gpt-4o-mini").build()),
                testConnection(OPENAI, Json.createObjectBuilder().add("apiKey", key).add("baseUrl", "ftp://x/" + key)
                        .add("model", "gpt-4o-mini").build()),
                testConnection(ANTHROPIC, Json.createObjectBuilder().add("credentialId", credential)
                        .add("model", "claude-sonnet-4-20250514").build()),
                testConnection(COMPATIBLE, Json.createObjectBuilder().add("model", "m").build()),
                api.post("admin/llm-providers/openai/test-connection", "not json " + key));
        for (Api.Reply reply : replies) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertNoKey(reply);
        }
        assertThat(testConnection("nope", Json.createObjectBuilder().add("model", "m").build()).status()).isEqualTo(404);
    }

    // --- llm-config save ------------------------------------------------------------------------------

    @Test
    void saving_a_config_fills_unknown_pricing_and_context_window_from_the_catalog() {
        long credential = credential(OPENROUTER);

        Api.Reply created = api.post("admin/llm-configs",
                Fixtures.config(organization, OPENROUTER, credential, "openai/gpt-4o-mini", null, null).build());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().containsKey("warnings")).isFalse();
        JsonObject saved = api.get("admin/llm-configs/" + created.id()).json();
        assertThat(decimal(saved, "inputCentsPerMillion")).isEqualByComparingTo("15");
        assertThat(decimal(saved, "outputCentsPerMillion")).isEqualByComparingTo("60");
        assertThat(saved.getInt("contextWindow")).isEqualTo(128_000);
    }

    @Test
    void what_the_admin_gave_wins_over_the_catalog() {
        long credential = credential(OPENROUTER);

        long id = api.create("admin/llm-configs", Fixtures.config(organization, OPENROUTER, credential,
                "openai/gpt-4o-mini", null, 4_000).add("inputCentsPerMillion", 1).build());

        JsonObject saved = api.get("admin/llm-configs/" + id).json();
        assertThat(saved.getInt("contextWindow")).isEqualTo(4_000);
        assertThat(decimal(saved, "inputCentsPerMillion")).isEqualByComparingTo("1");
        assertThat(decimal(saved, "outputCentsPerMillion")).isEqualByComparingTo("60");
    }

    @Test
    void a_model_missing_from_the_catalog_is_saved_with_a_warning_in_the_answer_only() {
        long credential = credential(OPENAI);

        Api.Reply created = api.post("admin/llm-configs",
                Fixtures.config(organization, OPENAI, credential, "gpt-9-imaginary", null, null).build());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getJsonArray("warnings").getString(0)).contains("gpt-9-imaginary");
        JsonObject saved = api.get("admin/llm-configs/" + created.id()).json();
        assertThat(saved.containsKey("warnings")).isFalse();
        assertThat(saved.isNull("inputCentsPerMillion")).isTrue();
    }

    @Test
    void a_down_provider_never_fails_the_save() {
        long credential = fixtures.credential(organization, OPENAI, key("gone"),
                "http://127.0.0.1:" + LlmgateServer.freePort() + "/v1");

        Api.Reply created = api.post("admin/llm-configs",
                Fixtures.config(organization, OPENAI, credential, "gpt-4o-mini", null, null).build());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getJsonArray("warnings").getString(0)).contains("unreachable");
        assertNoKey(created);
    }
}
