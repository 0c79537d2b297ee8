package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;
import static org.llmgate.testsupport.fake.FakeProvider.OPENROUTER;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;

/**
 * Issue 13: budgets that stop paid calls exactly at their limit, also under 50 concurrent chats,
 * per student, degrading to free models; warnings, status, usage reports, CSV and erasure.
 *
 * <p>Every chat here says "hello": estimated at 3 + 4 + 2 = 9 prompt tokens, and the paid configs
 * allow 10 output tokens, so a reservation is 19 tokens; the fake reports exactly that usage, at
 * 100,000 cents per million tokens each way: 1.9 cents. So N chats fit a limit of N × 19 tokens or
 * N × 1.9 cents exactly, and the N+1st does not.
 */
class BudgetsIT {

    static final String PROMPT = "hello";
    static final BigDecimal CHAT_CENTS = new BigDecimal("1.9");
    static final long CHAT_TOKENS = 19;

    static Llmgate llmgate;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
    }

    @Test
    void a_token_budget_stops_paid_calls_exactly_at_its_limit() {
        Scenario s = new Scenario(llmgate);
        String model = paidChain(s);
        long budget = budget(s, b -> b.add("homeworkId", s.homework).add("period", "day").add("limitTokens", 3 * CHAT_TOKENS));

        for (int i = 0; i < 3; i++) {
            assertThat(chat(s, null).last().name()).as("chat " + i).isEqualTo("done");
        }
        ChatStream refused = chat(s, null);

        assertThat(s.fake().calls(model)).isEqualTo(3);
        assertThat(refused.names()).doesNotContain("attempt");
        assertThat(refused.last().name()).isEqualTo("error");
        assertThat(refused.last().data().getString("errorClass")).isEqualTo("budget_exhausted");
        assertThat(refused.last().data().getString("message"))
                .startsWith("Homework '").contains("has used its daily budget of 57 tokens; it resets on ").endsWith(" 00:00 UTC");
        JsonObject status = status(budget, null);
        assertThat(status.getJsonNumber("spentTokens").longValue()).isEqualTo(57);
        assertThat(status.getJsonNumber("reservedTokens").longValue()).isZero();
        assertThat(status.getJsonNumber("remainingTokens").longValue()).isZero();
        assertThat(status.isNull("remainingCents")).isTrue();
    }

    @Test
    void a_money_budget_stops_paid_calls_exactly_at_its_limit_and_the_openai_endpoint_answers_429() {
        Scenario s = new Scenario(llmgate);
        String model = paidChain(s);
        long budget = budget(s, b -> b.add("courseId", s.course).add("limitCents", CHAT_CENTS.multiply(BigDecimal.valueOf(3))));

        for (int i = 0; i < 3; i++) {
            assertThat(chat(s, null).last().name()).as("chat " + i).isEqualTo("done");
        }
        Api.Reply openAi = llmgate.api.post("v1/chat/completions", Json.createObjectBuilder()
                .add("model", "homework:" + s.homework).add("user", "alice")
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user").add("content", PROMPT)))
                .build());

        assertThat(s.fake().calls(model)).isEqualTo(3);
        assertThat(openAi.status()).isEqualTo(429);
        JsonObject error = openAi.json().getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo("insufficient_quota");
        assertThat(error.getString("code")).isEqualTo("budget_exhausted");
        assertThat(error.getString("message")).startsWith("Course '").contains("monthly budget of 0.057; it resets on");
        JsonObject status = status(budget, null);
        assertThat(status.getJsonNumber("spentCents").bigDecimalValue()).isEqualByComparingTo("5.7");
        assertThat(status.getJsonNumber("remainingCents").bigDecimalValue()).isEqualByComparingTo("0");
        assertThat(status.getJsonNumber("spentTokens").longValue()).isEqualTo(57);
    }

    @Test
    void fifty_concurrent_chats_against_a_budget_for_ten_reach_the_provider_ten_times_and_warn_once_each() throws Exception {
        Scenario s = new Scenario(llmgate);
        String model = paidChain(s);
        // held open a little, so reservations really overlap
        s.fake().script(model, Behavior.answer("Hi", " there").usage(9, 10).delay(Duration.ofMillis(150)));
        long budget = budget(s, b -> b.add("limitCents", CHAT_CENTS.multiply(BigDecimal.TEN)));

        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<ChatStream>> chats = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            chats.add(pool.submit(() -> chat(s, null)));
        }
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (Future<ChatStream> chat : chats) {
            ChatStream c = chat.get();
            String outcome = c.last().name().equals("done") ? "done" : c.last().data().getString("errorClass");
            outcomes.merge(outcome, 1L, Long::sum);
        }
        pool.shutdown();

        System.out.printf("50 concurrent chats, budget for 10: %s, %d upstream calls%n", outcomes, s.fake().calls(model));
        assertThat(s.fake().calls(model)).isEqualTo(10);
        assertThat(outcomes).containsEntry("done", 10L).containsEntry("budget_exhausted", 40L);
        JsonObject status = status(budget, null);
        assertThat(status.getJsonNumber("spentCents").bigDecimalValue()).isEqualByComparingTo("19");
        assertThat(status.getJsonNumber("reservedCents").bigDecimalValue()).isEqualByComparingTo("0");

        List<JsonObject> warnings = budgetNotifications(s, 2);
        assertThat(warnings).extracting(n -> n.getString("severity")).containsExactlyInAnyOrder("normal", "high");
        assertThat(warnings).allSatisfy(n -> assertThat(n.getString("title")).startsWith("Organization '"));
        assertThat(chat(s, null).last().data().getString("errorClass")).isEqualTo("budget_exhausted");
        assertThat(budgetNotifications(s, 2)).hasSize(2);
    }

    @Test
    void a_per_student_budget_stops_one_student_and_not_another() {
        Scenario s = new Scenario(llmgate);
        String model = paidChain(s);
        long budget = budget(s, b -> b.add("courseId", s.course).add("perStudent", true).add("limitTokens", 2 * CHAT_TOKENS));

        assertThat(chat(s, "alice").last().name()).isEqualTo("done");
        assertThat(chat(s, "alice").last().name()).isEqualTo("done");
        ChatStream third = chat(s, "alice");
        ChatStream bob = chat(s, "bob");

        assertThat(third.last().data().getString("errorClass")).isEqualTo("budget_exhausted");
        assertThat(third.last().data().getString("message")).startsWith("You have used your monthly allowance of 38 tokens for course '");
        assertThat(bob.last().name()).isEqualTo("done");
        assertThat(s.fake().calls(model)).isEqualTo(3);
        assertThat(status(budget, "alice").getJsonNumber("remainingTokens").longValue()).isZero();
        assertThat(status(budget, "bob").getJsonNumber("remainingTokens").longValue()).isEqualTo(CHAT_TOKENS);
        JsonObject all = status(budget, null);
        assertThat(all.getJsonArray("students")).extracting(v -> v.asJsonObject().getString("user")).containsExactly("alice", "bob");
    }

    @Test
    void an_exhausted_course_budget_is_answered_by_the_free_fallback() {
        Scenario s = new Scenario(llmgate);
        String paid = paidChain(s);
        String free = s.model("vendor/small") + ":free";
        long freeConfig = s.hop(OPENROUTER, s.credential(OPENROUTER, s.key("router")), free);
        budget(s, b -> b.add("courseId", s.course).add("limitCents", CHAT_CENTS));

        ChatStream first = chat(s, null);
        ChatStream second = chat(s, null);

        assertThat(first.last().data().getString("model")).isEqualTo(paid);
        assertThat(second.names()).contains("fallback").endsWith("done");
        assertThat(second.named("fallback").get(0).data().getString("errorClass")).isEqualTo("budget_exhausted");
        assertThat(second.last().data().getJsonNumber("configId").longValue()).isEqualTo(freeConfig);
        assertThat(s.fake().calls(paid)).isEqualTo(1);
        assertThat(s.fake().calls(free)).isEqualTo(1);
    }

    @Test
    void a_config_without_prices_costs_nothing_so_a_money_budget_cannot_stop_it_and_usage_flags_it() {
        Scenario s = new Scenario(llmgate);
        String model = s.model("unpriced");
        s.hop(OPENAI, s.credential(OPENAI, s.key("k")), model);
        s.fake().script(model, Behavior.answer("Hi").usage(9, 10));
        long budget = budget(s, b -> b.add("limitCents", 0));

        assertThat(chat(s, null).last().name()).isEqualTo("done");
        assertThat(chat(s, null).last().name()).isEqualTo("done");

        JsonObject row = awaitReport("admin/usage?organizationId=" + s.organization + "&groupBy=model", 2)
                .getJsonArray("rows").getJsonObject(0);
        assertThat(row.getString("key")).isEqualTo(model);
        assertThat(row.getBoolean("unpriced")).isTrue();
        assertThat(row.getJsonNumber("costCents").bigDecimalValue()).isEqualByComparingTo("0");
        assertThat(row.getJsonNumber("inputTokens").longValue()).isEqualTo(18);
        assertThat(status(budget, null).getJsonNumber("spentTokens").longValue()).isEqualTo(38);
    }

    @Test
    void a_provider_that_reports_no_usage_is_estimated_at_four_characters_a_token_and_marked() {
        Scenario s = new Scenario(llmgate);
        String model = paidChain(s);
        // 12 characters streamed: 3 tokens out; the prompt is estimated at 9
        s.fake().script(model, Behavior.answer("Hello", " world!").usage(0, 0));
        long budget = budget(s, b -> b.add("limitCents", 1000));

        assertThat(chat(s, null).last().name()).isEqualTo("done");

        JsonObject totals = awaitReport("admin/usage?organizationId=" + s.organization, 1).getJsonObject("totals");
        assertThat(totals.getBoolean("estimated")).isTrue();
        assertThat(totals.getJsonNumber("inputTokens").longValue()).isEqualTo(9);
        assertThat(totals.getJsonNumber("outputTokens").longValue()).isEqualTo(3);
        assertThat(totals.getJsonNumber("costCents").bigDecimalValue()).isEqualByComparingTo("1.2");
        assertThat(status(budget, null).getJsonNumber("spentCents").bigDecimalValue()).isEqualByComparingTo("1.2");
    }

    @Test
    void reports_add_up_match_the_attempts_parse_as_csv_and_erasure_removes_a_students_rows() {
        Scenario s = new Scenario(llmgate);
        String primary = s.model("flaky");
        long cred = s.credential(OPENAI, s.key("paid"));
        s.hop(priced(s, cred, primary));
        String backup = paidHop(s, cred, "backup");
        s.fake().script(primary, Behavior.status(500));
        long budget = budget(s, b -> b.add("limitCents", 1000));

        chat(s, "alice");
        chat(s, "alice");
        chat(s, "bob");
        chat(s, null);

        String query = "admin/usage?organizationId=" + s.organization;
        // four chats counted is not yet four answers written: wait for every answer's tokens as well
        JsonObject byUser = awaitReport(query + "&groupBy=user", 4, 4 * 10);
        Map<String, JsonObject> rows = byUser.getJsonArray("rows").stream().map(v -> v.asJsonObject())
                .collect(Collectors.toMap(r -> r.getString("key"), r -> r));
        assertThat(rows.keySet()).containsExactlyInAnyOrder("alice", "bob", "");
        JsonObject alice = rows.get("alice");
        assertThat(alice.getInt("chats")).isEqualTo(2);
        assertThat(alice.getInt("attempts")).isEqualTo(4);
        assertThat(alice.getInt("errors")).isEqualTo(2);
        assertThat(alice.getInt("fallbacks")).isEqualTo(2);
        assertThat(alice.getJsonNumber("costCents").bigDecimalValue()).isEqualByComparingTo("3.8");
        JsonObject totals = byUser.getJsonObject("totals");
        assertThat(totals.getInt("chats")).isEqualTo(4);
        assertThat(totals.getJsonNumber("inputTokens").longValue()).isEqualTo(4 * 9);
        assertThat(totals.getJsonNumber("outputTokens").longValue()).isEqualTo(4 * 10);
        assertThat(totals.getJsonNumber("costCents").bigDecimalValue()).isEqualByComparingTo("7.6")
                .isEqualByComparingTo(status(budget, null).getJsonNumber("spentCents").bigDecimalValue());
        // the primary's breaker opens after three 500s, so the last chat may skip it: count what really went out
        assertThat(s.fake().calls(primary) + s.fake().calls(backup)).isEqualTo(totals.getInt("attempts"));
        assertThat(totals.getInt("errors")).isEqualTo(s.fake().calls(primary));
        JsonObject byModel = llmgate.api.get(query + "&groupBy=model").json();
        assertThat(byModel.getJsonArray("rows")).extracting(v -> v.asJsonObject().getString("key"))
                .containsExactlyInAnyOrder(primary, backup);
        assertThat(byModel.getJsonObject("totals").toString()).isEqualTo(totals.toString());

        Api.Reply csv = csvGet(query + "&groupBy=course");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("key,label,chats,attempts,fallbacks,errors,inputTokens,outputTokens,costCents,estimated");
        assertThat(lines).hasSize(2);
        String[] cells = lines[1].split(",", -1);
        assertThat(cells).hasSize(10);
        assertThat(cells[0]).isEqualTo(String.valueOf(s.course));
        assertThat(cells[2]).isEqualTo("4");
        assertThat(new BigDecimal(cells[8])).isEqualByComparingTo("7.6");

        assertThat(llmgate.api.delete("admin/usage?organizationId=" + s.organization + "&user=alice").status()).isEqualTo(204);
        JsonObject after = llmgate.api.get(query + "&groupBy=user").json();
        assertThat(after.getJsonArray("rows")).extracting(v -> v.asJsonObject().getString("key"))
                .containsExactlyInAnyOrder("bob", "");
        assertThat(llmgate.api.get(query + "&user=alice").json().getJsonObject("totals").getInt("chats")).isZero();
        // the budget still counts what alice spent
        assertThat(status(budget, null).getJsonNumber("spentCents").bigDecimalValue()).isEqualByComparingTo("7.6");
    }

    @Test
    void bad_budget_input_is_a_4xx_and_changes_nothing() {
        Scenario s = new Scenario(llmgate);
        Scenario other = new Scenario(llmgate);
        long budget = budget(s, b -> b.add("limitTokens", 100));
        JsonObject before = llmgate.api.get("admin/budgets/" + budget).json();
        List<JsonObject> bad = List.of(
                base(s).add("limitTokens", 1).add("limit", 5).build(),
                base(s).build(),
                base(s).add("limitCents", -1).build(),
                base(s).add("limitTokens", 1.5).build(),
                base(s).add("limitTokens", 10).add("period", "year").build(),
                base(s).add("limitTokens", 10).add("perStudent", "yes").build(),
                base(s).add("limitTokens", 10).add("homeworkId", other.homework).build(),
                base(s).add("limitTokens", 10).add("courseId", other.course).build(),
                base(s).add("limitTokens", 10).add("homeworkId", s.homework).add("courseId", other.course).build(),
                Json.createObjectBuilder().add("organizationId", 999_999_999).add("limitTokens", 10).build(),
                Json.createObjectBuilder().add("limitTokens", 10).build());

        for (JsonObject body : bad) {
            assertThat(llmgate.api.post("admin/budgets", body).status()).as(body.toString()).isEqualTo(400);
            assertThat(llmgate.api.put("admin/budgets/" + budget, body).status()).as("PUT " + body).isEqualTo(400);
        }

        assertThat(llmgate.api.get("admin/budgets?organizationId=" + s.organization).array()).hasSize(1);
        assertThat(llmgate.api.get("admin/budgets/" + budget).json()).isEqualTo(before);
        assertThat(llmgate.api.get("admin/budgets/999999999").status()).isEqualTo(404);
        assertThat(llmgate.api.get("admin/usage").status()).isEqualTo(400);
        assertThat(llmgate.api.get("admin/usage?organizationId=" + s.organization + "&groupBy=week").status()).isEqualTo(400);
        assertThat(llmgate.api.get("admin/usage?organizationId=" + s.organization + "&from=2026-13-01").status()).isEqualTo(400);
        String token = "Bearer " + llmgate.api.post("admin/organizations/" + s.organization + "/tokens", null).json().getString("token");
        assertThat(llmgate.api.send("GET", "admin/usage?organizationId=" + s.organization, null, token, "application/json").status())
                .isEqualTo(403);
        assertThat(llmgate.api.send("GET", "admin/budgets?organizationId=" + s.organization, null, token, "application/json").status())
                .isEqualTo(403);
        String badUser = Json.createObjectBuilder().add("homeworkId", s.homework).add("userId", "a\u0007b")
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user").add("content", PROMPT)))
                .build().toString();
        assertThat(ChatStream.post(llmgate.api, badUser, Api.ADMIN_AUTH).status()).isEqualTo(400);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A one-hop paid chain on the homework whose model reports exactly the reserved worst case. */
    private static String paidChain(Scenario s) {
        return paidHop(s, s.credential(OPENAI, s.key("paid")), "paid");
    }

    private static String paidHop(Scenario s, long credential, String name) {
        String model = s.model(name);
        s.hop(priced(s, credential, model));
        s.fake().script(model, Behavior.answer("Hi", " there").usage(9, 10));
        return model;
    }

    private static JsonObjectBuilder priced(Scenario s, long credential, String model) {
        return Fixtures.config(s.organization, OPENAI, credential, model, null, null)
                .add("maxOutputTokens", 10).add("inputCentsPerMillion", 100_000).add("outputCentsPerMillion", 100_000);
    }

    private static JsonObjectBuilder base(Scenario s) {
        return Json.createObjectBuilder().add("organizationId", s.organization);
    }

    private static long budget(Scenario s, Function<JsonObjectBuilder, JsonObjectBuilder> fields) {
        return llmgate.api.create("admin/budgets", fields.apply(base(s)).build());
    }

    private static ChatStream chat(Scenario s, String user) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("homeworkId", s.homework)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user").add("content", PROMPT)));
        if (user != null) {
            body.add("userId", user);
        }
        return ChatStream.post(llmgate.api, body.build().toString(), Api.ADMIN_AUTH);
    }

    private static JsonObject status(long budget, String user) {
        Api.Reply reply = llmgate.api.get("admin/budgets/" + budget + "/status" + (user == null ? "" : "?user=" + user));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<JsonObject> budgetNotifications(Scenario s, int atLeast) {
        List<JsonObject> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.clear();
            llmgate.api.get("admin/notifications").array().stream().map(v -> v.asJsonObject())
                    .filter(n -> !n.isNull("organizationId") && n.getJsonNumber("organizationId").longValue() == s.organization)
                    .forEach(found::add);
            return found.size() >= atLeast;
        });
        return found;
    }

    /** Attempt rows are written off the chat's path: wait until the report holds them all. */
    private static JsonObject awaitReport(String query, int chats) {
        return awaitReport(query, chats, 0);
    }

    private static JsonObject awaitReport(String query, int chats, long outputTokens) {
        JsonObject[] report = new JsonObject[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            report[0] = llmgate.api.get(query).json();
            JsonObject totals = report[0].getJsonObject("totals");
            return totals.getInt("chats") >= chats && totals.getJsonNumber("outputTokens").longValue() >= outputTokens;
        });
        return report[0];
    }

    private static Api.Reply csvGet(String path) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(llmgate.api.baseUrl() + "/api/" + path))
                            .header("Authorization", Api.ADMIN_AUTH).header("Accept", "text/csv").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
