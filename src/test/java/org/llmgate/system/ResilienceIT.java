package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;
import static org.llmgate.testsupport.fake.FakeProvider.OPENROUTER;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;

/** Issue 4: failure scopes, breakers across requests, cost protection and admin notifications. */
class ResilienceIT {

    static Llmgate llmgate;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
    }

    /** 100 by default; the issue note's 1,000 came from -DdeadKeyChats=1000. */
    static final int DEAD_KEY_CHATS = Integer.getInteger("deadKeyChats", 100);

    @Test
    void dead_key_100_chats_make_one_upstream_call_and_one_notification() {
        Scenario s = new Scenario(llmgate);
        String deadKey = s.key("dead");
        String primary = s.model("primary");
        long deadCredential = s.credential(OPENAI, deadKey);
        s.hop(OPENAI, deadCredential, primary);
        long backup = s.hop(OPENAI, s.credential(OPENAI, s.key("good")), s.model("backup"));
        s.fake().scriptKey(deadKey, Behavior.status(401).message("Incorrect API key provided: " + deadKey));

        for (int i = 0; i < DEAD_KEY_CHATS; i++) {
            ChatStream chat = s.chat("a long prompt " + i);
            assertThat(chat.last().name()).as("chat " + i).isEqualTo("done");
            assertThat(chat.last().data().getJsonNumber("configId").longValue()).isEqualTo(backup);
        }

        System.out.printf("dead key: %d chats, %d upstream calls to the dead key%n", DEAD_KEY_CHATS, s.fake().calls(primary));
        assertThat(s.fake().calls(primary)).isEqualTo(1);
        List<JsonObject> notes = Awaited.notificationsFor(llmgate, deadCredential, 1);
        assertThat(notes).hasSize(1);
        JsonObject note = notes.get(0);
        assertThat(note.getString("severity")).isEqualTo("high");
        assertThat(note.getString("message")).contains("failed with auth_error (HTTP 401) on model " + primary).contains("openai")
                .doesNotContain(deadKey).doesNotContain("0123456789abcdef");
        assertThat(note.getJsonNumber("organizationId").longValue()).isEqualTo(s.organization);

        JsonObject health = llmgate.api.get("admin/health").json();
        assertThat(health.getJsonArray("breakers").stream().map(v -> v.asJsonObject())
                .filter(b -> b.getString("scope").equals("credential") && !b.isNull("credentialId")
                        && b.getJsonNumber("credentialId").longValue() == deadCredential))
                .singleElement().satisfies(b -> {
                    assertThat(b.getString("state")).isEqualTo("OPEN");
                    assertThat(b.getString("errorClass")).isEqualTo("auth_error");
                    assertThat(b.getString("reason")).startsWith("auth_error");
                    assertThat(b.isNull("openUntil")).isFalse();
                });
        assertThat(health.toString()).doesNotContain(deadKey);

        Api.Reply ack = llmgate.api.post("admin/notifications/" + note.getJsonNumber("id") + "/ack", null);
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.json().isNull("acknowledgedAt")).isFalse();
        assertThat(llmgate.api.post("admin/notifications/999999999/ack", null).status()).isEqualTo(404);
    }

    @Test
    void out_of_credit_key_spares_its_free_and_zero_priced_models() {
        Scenario s = new Scenario(llmgate);
        long key = s.credential(OPENROUTER, s.key("broke"));
        String paid = s.model("vendor/paid");
        String paidSibling = s.model("vendor/paid-sibling");
        String free = s.model("vendor/small") + ":free";
        s.hop(OPENROUTER, key, paid);
        s.hop(OPENROUTER, key, paidSibling);
        long freeId = s.hop(OPENROUTER, key, free);
        s.fake().script(paid, Behavior.status(402));
        s.fake().script(paidSibling, Behavior.status(402));

        ChatStream chat = s.chat("hello");

        assertThat(chat.last().name()).isEqualTo("done");
        assertThat(chat.last().data().getJsonNumber("configId").longValue()).isEqualTo(freeId);
        assertThat(s.fake().calls(paid)).isEqualTo(1);
        assertThat(s.fake().calls(paidSibling)).isZero();
        assertThat(s.fake().calls(free)).isEqualTo(1);

        // a second request: the credit breaker is open, the paid primary is skipped without a call
        ChatStream again = s.chat("hello again");
        assertThat(again.last().data().getJsonNumber("configId").longValue()).isEqualTo(freeId);
        assertThat(s.fake().calls(paid)).isEqualTo(1);
        assertThat(s.fake().calls(free)).isEqualTo(2);
    }

    @Test
    void a_free_model_answering_402_retires_only_itself_and_its_free_sibling_answers() {
        Scenario s = new Scenario(llmgate);
        long key = s.credential(OPENROUTER, s.key("negative"));
        String freeA = s.model("vendor/a") + ":free";
        String freeB = s.model("vendor/b") + ":free";
        s.hop(OPENROUTER, key, freeA);
        long freeBId = s.hop(OPENROUTER, key, freeB);
        s.fake().script(freeA, Behavior.status(402));

        assertThat(s.chat("hello").last().data().getJsonNumber("configId").longValue()).isEqualTo(freeBId);
        assertThat(s.chat("hello").last().data().getJsonNumber("configId").longValue()).isEqualTo(freeBId);
        assertThat(s.fake().calls(freeA)).isEqualTo(1);
        assertThat(s.fake().calls(freeB)).isEqualTo(2);
    }

    @Test
    void zero_priced_sibling_on_an_out_of_credit_key_answers() {
        Scenario s = new Scenario(llmgate);
        long key = s.credential(OPENROUTER, s.key("broke"));
        String paid = s.model("vendor/paid");
        String zero = s.model("vendor/zero");
        s.hop(Fixtures.config(s.organization, OPENROUTER, key, paid, null, null)
                .add("inputCentsPerMillion", 15).add("outputCentsPerMillion", 60));
        long zeroId = s.hop(Fixtures.config(s.organization, OPENROUTER, key, zero, null, null)
                .add("inputCentsPerMillion", 0).add("outputCentsPerMillion", 0));
        s.fake().script(paid, Behavior.status(402));

        ChatStream chat = s.chat("hello");

        assertThat(chat.last().data().getJsonNumber("configId").longValue()).isEqualTo(zeroId);
        assertThat(s.fake().calls(zero)).isEqualTo(1);
    }

    @Test
    void a_dead_key_skips_its_free_models_too() {
        Scenario s = new Scenario(llmgate);
        String deadKey = s.key("dead");
        long dead = s.credential(OPENROUTER, deadKey);
        String paid = s.model("vendor/paid");
        String free = s.model("vendor/small") + ":free";
        s.hop(OPENROUTER, dead, paid);
        s.hop(OPENROUTER, dead, free);
        long backup = s.hop(OPENAI, s.credential(OPENAI, s.key("good")), s.model("backup"));
        s.fake().scriptKey(deadKey, Behavior.status(401));

        ChatStream chat = s.chat("hello");

        assertThat(chat.last().data().getJsonNumber("configId").longValue()).isEqualTo(backup);
        assertThat(s.fake().calls(paid)).isEqualTo(1);
        assertThat(s.fake().calls(free)).isZero();
    }

    @Test
    void retry_after_window_then_one_probe_and_success_closes_the_breaker() {
        Scenario s = new Scenario(llmgate);
        String primary = s.model("primary");
        long key = s.credential(OPENAI, s.key("k"));
        long primaryId = s.hop(OPENAI, key, primary);
        long backupId = s.hop(OPENAI, key, s.model("backup"));
        s.fake().script(primary, Behavior.status(429).retryAfter(Duration.ofSeconds(3)));

        ChatStream first = s.chat("hello");
        assertThat(first.named("fallback").get(0).data().getString("errorClass")).isEqualTo("rate_limited");
        s.fake().script(primary, Behavior.answer("recovered"));

        ChatStream inWindow = s.chat("hello");
        assertThat(inWindow.last().data().getJsonNumber("configId").longValue()).isEqualTo(backupId);
        assertThat(inWindow.named("attempt")).hasSize(1);
        assertThat(s.fake().calls(primary)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300))
                .until(() -> s.chat("hello").last().data().getJsonNumber("configId").longValue() == primaryId);
        assertThat(s.fake().calls(primary)).isEqualTo(2);

        ChatStream closed = s.chat("hello");
        assertThat(closed.last().data().getJsonNumber("configId").longValue()).isEqualTo(primaryId);
        assertThat(s.fake().calls(primary)).isEqualTo(3);
    }

    @Test
    void a_prompt_too_large_for_the_context_window_skips_the_hop_without_a_call() {
        Scenario s = new Scenario(llmgate);
        long key = s.credential(OPENAI, s.key("k"));
        String tiny = s.model("tiny");
        s.hop(Fixtures.config(s.organization, OPENAI, key, tiny, null, 500).add("maxOutputTokens", 100));
        long bigId = s.hop(Fixtures.config(s.organization, OPENAI, key, s.model("big"), null, 128_000));

        ChatStream chat = s.chat("x".repeat(4_000));

        assertThat(chat.named("attempt")).singleElement()
                .satisfies(a -> assertThat(a.data().getInt("hop")).isEqualTo(1));
        assertThat(chat.last().data().getJsonNumber("configId").longValue()).isEqualTo(bigId);
        assertThat(s.fake().calls(tiny)).isZero();
        assertThat(Database.awaitRows(llmgate, "SELECT skip_reason FROM attempts WHERE model = '" + tiny + "'", 1))
                .singleElement().asString().startsWith("context_window");
    }

    @Test
    void a_credential_over_its_tokens_per_minute_budget_is_skipped_without_a_call() {
        Scenario s = new Scenario(llmgate);
        long small = s.api().create("admin/credentials", Json.createObjectBuilder()
                .add("organizationId", s.organization).add("provider", OPENAI).add("apiKey", s.key("budget"))
                .add("baseUrl", llmgate.fake.baseUrl(OPENAI)).add("tokensPerMinute", 300).build());
        String limited = s.model("limited");
        s.hop(OPENAI, small, limited);
        long backupId = s.hop(OPENAI, s.credential(OPENAI, s.key("other")), s.model("backup"));

        ChatStream chat = s.chat("y".repeat(2_000));

        assertThat(chat.last().data().getJsonNumber("configId").longValue()).isEqualTo(backupId);
        assertThat(s.fake().calls(limited)).isZero();
        assertThat(Database.awaitRows(llmgate, "SELECT skip_reason FROM attempts WHERE model = '" + limited + "'", 1))
                .singleElement().asString().startsWith("token_budget");
    }
}
