package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.Endpoint;
import org.llmgate.testsupport.fake.Behavior;

/** Issue 5: model hints, auto-blacklist and recovery, endpoint learning, redaction. */
class LearningIT {

    static Llmgate llmgate;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
    }

    @Test
    void a_responses_only_model_costs_two_calls_once_then_goes_straight_to_responses() {
        Scenario s = new Scenario(llmgate);
        String codex = s.model("codex-mini");
        long primary = s.hop(OPENAI, s.credential(OPENAI, s.key("k")), codex);
        s.fake().script(codex, Behavior.responsesOnly());

        ChatStream first = s.chat("hello");
        assertThat(first.last().data().getJsonNumber("configId").longValue()).isEqualTo(primary);
        assertThat(s.fake().calls(codex, Endpoint.CHAT_COMPLETIONS)).isEqualTo(1);
        assertThat(s.fake().calls(codex, Endpoint.RESPONSES)).isEqualTo(1);

        ChatStream second = s.chat("hello again");
        assertThat(second.names()).containsExactly("attempt", "delta", "delta", "delta", "done");
        assertThat(s.fake().calls(codex, Endpoint.CHAT_COMPLETIONS)).isEqualTo(1);
        assertThat(s.fake().calls(codex, Endpoint.RESPONSES)).isEqualTo(2);

        JsonObject hint = awaitHint(codex, h -> "responses".equals(h.getString("preferredEndpoint", null)));
        assertThat(hint.getJsonArray("unsupportedEndpoints").toString()).contains("chat_completions");
        assertThat(Database.rows(llmgate, "SELECT preferred_endpoint FROM model_hints WHERE model_id = '" + codex + "'"))
                .containsExactly("responses");
    }

    @Test
    void a_model_that_moves_back_to_chat_completions_is_relearned_the_other_way() {
        Scenario s = new Scenario(llmgate);
        String model = s.model("moving");
        s.hop(OPENAI, s.credential(OPENAI, s.key("k")), model);
        s.fake().script(model, Behavior.responsesOnly());
        s.chat("learn responses");
        awaitHint(model, h -> "responses".equals(h.getString("preferredEndpoint", null)));

        s.fake().script(model, Behavior.chatOnly());
        ChatStream relearn = s.chat("responses now refused");
        assertThat(relearn.names()).containsExactly("attempt", "attempt", "delta", "delta", "delta", "done");
        awaitHint(model, h -> "chat_completions".equals(h.getString("preferredEndpoint", null)));

        ChatStream direct = s.chat("straight to chat");
        assertThat(direct.named("attempt")).hasSize(1);
        assertThat(s.fake().calls(model, Endpoint.CHAT_COMPLETIONS)).isEqualTo(3);
        assertThat(s.fake().calls(model, Endpoint.RESPONSES)).isEqualTo(2);
    }

    @Test
    void five_failures_without_success_blacklist_a_model_until_a_recovery_probe_succeeds() {
        Scenario s = new Scenario(llmgate);
        String flaky = s.model("flaky");
        long key = s.credential(OPENAI, s.key("k"));
        long flakyId = s.hop(OPENAI, key, flaky);
        long backupId = s.hop(OPENAI, key, s.model("backup"));
        s.fake().script(flaky, Behavior.status(400).message("Invalid 'messages': unsupported parameter"));

        for (int i = 0; i < 5; i++) {
            assertThat(s.chat("hello").last().data().getString("errorClass")).isEqualTo("bad_request");
        }
        assertThat(s.fake().calls(flaky)).isEqualTo(5);

        ChatStream skipped = s.chat("hello");
        assertThat(skipped.last().data().getJsonNumber("configId").longValue()).isEqualTo(backupId);
        assertThat(s.fake().calls(flaky)).isEqualTo(5);
        JsonObject hint = awaitHint(flaky, h -> h.getBoolean("blacklisted"));
        assertThat(hint.getInt("errorCount")).isEqualTo(5);
        assertThat(hint.getString("blacklistReason")).isNotBlank();

        s.fake().script(flaky, Behavior.answer("fixed"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300))
                .until(() -> s.chat("hello").last().data().getJsonNumber("configId").longValue() == flakyId);
        assertThat(s.fake().calls(flaky)).isEqualTo(6);
        assertThat(awaitHint(flaky, h -> !h.getBoolean("blacklisted")).getInt("successCount")).isEqualTo(1);
    }

    @Test
    void an_admin_blacklists_and_clears_a_model_by_hand_and_bad_input_changes_nothing() {
        Scenario s = new Scenario(llmgate);
        String model = s.model("manual");
        long key = s.credential(OPENAI, s.key("k"));
        long modelId = s.hop(OPENAI, key, model);
        long backupId = s.hop(OPENAI, key, s.model("backup"));
        s.chat("hello");
        JsonObject hint = awaitHint(model, h -> h.getInt("successCount") == 1);
        long id = hint.getJsonNumber("id").longValue();

        assertThat(llmgate.api.post("admin/model-hints/" + id + "/blacklist", "{}").status()).isEqualTo(400);
        assertThat(llmgate.api.post("admin/model-hints/" + id + "/blacklist", "{\"reason\": 7}").status()).isEqualTo(400);
        assertThat(llmgate.api.post("admin/model-hints/999999999/blacklist",
                Json.createObjectBuilder().add("reason", "x").build()).status()).isEqualTo(404);
        assertThat(hintOf(model).orElseThrow().getBoolean("blacklisted")).isFalse();

        Api.Reply blacklisted = llmgate.api.post("admin/model-hints/" + id + "/blacklist",
                Json.createObjectBuilder().add("reason", "answers in the wrong language").build());
        assertThat(blacklisted.status()).isEqualTo(200);
        assertThat(blacklisted.json().getBoolean("blacklisted")).isTrue();
        assertThat(s.chat("hello").last().data().getJsonNumber("configId").longValue()).isEqualTo(backupId);
        assertThat(s.fake().calls(model)).isEqualTo(1);

        Api.Reply cleared = llmgate.api.post("admin/model-hints/" + id + "/clear", null);
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().getBoolean("blacklisted")).isFalse();
        assertThat(s.chat("hello").last().data().getJsonNumber("configId").longValue()).isEqualTo(modelId);
        assertThat(s.fake().calls(model)).isEqualTo(2);
    }

    @Test
    void an_upstream_401_that_echoes_the_key_is_stored_and_shown_redacted() throws Exception {
        Scenario s = new Scenario(llmgate);
        String key = s.key("leaky");
        String model = s.model("leaky");
        long credential = s.credential(OPENAI, key);
        s.hop(OPENAI, credential, model);
        s.hop(OPENAI, s.credential(OPENAI, s.key("good")), s.model("backup"));
        s.fake().scriptKey(key, Behavior.status(401).message("Incorrect API key provided: " + key
                + ". You can find your API key at https://platform.openai.com/account/api-keys."));

        ChatStream chat = s.chat("hello");

        assertThat(chat.body()).doesNotContain(key);
        JsonObject hint = awaitHint(model, h -> "auth_error".equals(h.getString("lastErrorClass", null)));
        assertThat(hint.getString("lastErrorMessage")).doesNotContain(key).doesNotContain("0123456789abcdef");
        assertThat(String.join("\n", Database.rows(llmgate,
                "SELECT coalesce(last_error_message, '') FROM model_hints"))).doesNotContain(key);
        Awaited.notificationsFor(llmgate, credential, 1);
        assertThat(String.join("\n", Database.rows(llmgate, "SELECT title || message FROM notifications")))
                .doesNotContain(key);
        assertThat(llmgate.api.get("admin/health").body()).doesNotContain(key);
        assertThat(llmgate.server.logText()).doesNotContain(key);
    }

    static JsonObject awaitHint(String model, java.util.function.Predicate<JsonObject> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> hintOf(model).filter(condition).isPresent());
        return hintOf(model).orElseThrow();
    }

    static Optional<JsonObject> hintOf(String model) {
        return llmgate.api.get("admin/model-hints").array().stream().map(v -> v.asJsonObject())
                .filter(h -> h.getString("modelId").equals(model)).findFirst();
    }
}
