package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;
import static org.llmgate.testsupport.fake.FakeProvider.OPENROUTER;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.llmgate.testsupport.fake.Behavior;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 7: the admin screens in Debian's headless Chromium against the real WAR and the fake
 * providers, as an admin who has never seen llmgate would use them.
 */
class AdminScreensIT {

    static Llmgate llmgate;
    static Browser browser;

    @BeforeAll
    static void start() {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        llmgate = Llmgate.shared();
        browser = Browser.open(llmgate.server.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** On a failure: what the browser showed, for the one who has to fix it. */
    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.keepEvidence(context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeEach
    void signedIn() {
        browser.go("index.xhtml");
        if (browser.url().contains("login.xhtml")) {
            signIn(LlmgateServer.ADMIN_PASSWORD);
        }
    }

    @Test
    void pages_need_a_sign_in_and_a_wrong_password_is_refused() {
        browser.click("#session\\:logout");
        // the sign-out POST must have landed before the next page is asked for
        browser.until(ExpectedConditions.urlContains("login.xhtml"));
        browser.go("credentials.xhtml");
        assertThat(browser.url()).contains("login.xhtml");
        browser.screenshot("01-login");

        signIn("not-the-password");
        assertThat(browser.text("#login\\:messages")).contains("Wrong username or password");

        signIn(LlmgateServer.ADMIN_PASSWORD);
        // back where the admin wanted to go
        browser.until(ExpectedConditions.urlContains("credentials.xhtml"));
        assertThat(browser.text("h1")).isEqualTo("Credentials");
    }

    @Test
    void after_sign_out_every_page_under_every_spelling_leads_to_the_login_page() {
        browser.click("#session\\:logout");
        browser.until(ExpectedConditions.urlContains("login.xhtml"));
        for (String page : SecurityIT.PAGES) {
            for (String path : List.of(page + ".xhtml", page + ".xhtml;x=1", page.toUpperCase() + ".XHTML",
                    "jakarta.faces.resource/..;/" + page + ".xhtml", "./" + page + ".xhtml")) {
                browser.go(path);
                assertThat(browser.url()).as(path).contains("/llmgate/login.xhtml");
                assertThat(browser.all("#session\\:logout")).as(path).isEmpty();
            }
            // a Faces resource spelling with encoded dots is refused outright, never rendered
            browser.go("jakarta.faces.resource/%2e%2e/" + page + ".xhtml");
            assertThat(browser.all("#session\\:logout")).as(page).isEmpty();
        }
    }

    @Test
    void an_organization_is_created_and_renamed_and_a_blank_name_is_refused_next_to_the_field() {
        browser.go("organizations.xhtml");
        browser.click("#list\\:new");
        browser.click("#org\\:save");
        assertThat(browser.text("#org\\:name + .ui-message, .ui-message-error")).contains("required");

        String name = Fixtures.unique("University");
        browser.type("#org\\:name", name);
        browser.click("#org\\:save");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:table"), name));
        assertThat(llmgate.api.get("admin/organizations").body()).contains(name);
        browser.screenshot("02-organizations");
    }

    @Test
    void a_saved_credential_shows_only_its_hint_and_replacing_the_key_is_explicit() {
        long organization = new Fixtures(llmgate.api).organization();
        String key = "sk-or-" + Fixtures.unique("secret") + "-Wxyz";
        browser.go("credentials.xhtml?org=" + organization);
        browser.click("#list\\:new");
        browser.choose("cred:provider", "OpenRouter");
        browser.type("#cred\\:label", "Faculty OpenRouter key");
        browser.type("#cred\\:apiKey", key);
        browser.type("#cred\\:baseUrl", llmgate.fake.baseUrl(OPENROUTER));
        browser.type("#cred\\:requestsPerMinute", "60");
        browser.click("#cred\\:save");

        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:table"), "••••Wxyz"));
        assertThat(browser.source()).doesNotContain(key);

        browser.click("#list\\:table button[id$='edit']");
        assertThat(browser.text("#cred\\:savedKey")).isEqualTo("Saved key ••••Wxyz");
        assertThat(browser.all("#cred\\:apiKey")).isEmpty();
        assertThat(browser.source()).doesNotContain(key);
        browser.click("#cred\\:replaceKey");
        assertThat(browser.find("#cred\\:apiKey").getAttribute("value")).isEmpty();
        browser.screenshot("03-credentials");
    }

    @Test
    void test_connection_shows_success_and_an_auth_failure_inline() {
        Scenario s = new Scenario(llmgate);
        long good = s.credential(OPENAI, s.key("good"));
        String revoked = s.key("revoked");
        s.fake().scriptKey(revoked, Behavior.status(401));
        long dead = s.credential(OPENAI, revoked);

        openCredential(s.organization, good);
        browser.type("#cred\\:testModel_input", "gpt-4o-mini" + Keys.ESCAPE);
        browser.click("#cred\\:test");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".lg-result")));
        assertThat(browser.text(".lg-result")).startsWith("Connected: key valid, model available");
        browser.click(".lg-result");
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.id("cred:testModel_panel")));
        browser.screenshot("04-test-connection");

        openCredential(s.organization, dead);
        browser.type("#cred\\:testModel_input", "gpt-4o-mini" + Keys.ESCAPE);
        browser.click("#cred\\:test");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".lg-result-bad")));
        assertThat(browser.text(".lg-result-bad")).contains("The key was refused (auth_error)");
        assertThat(browser.source()).doesNotContain(revoked);
    }

    @Test
    void the_model_picker_offers_the_live_catalog_with_price_context_and_free_flag() {
        Scenario s = new Scenario(llmgate);
        s.credential(OPENROUTER, s.key("catalog"));
        browser.go("configs.xhtml?org=" + s.organization);
        browser.click("#list\\:new");
        browser.type("#cfg\\:name", "Primary (free Llama)");
        browser.type("#cfg\\:model_input", "llama");
        WebElement item = browser.find("#cfg\\:model_panel tr.ui-autocomplete-item");
        assertThat(item.getText()).contains("meta-llama/llama-3.3-70b-instruct:free", "131k tokens", "free");
        browser.screenshot("05-model-picker");
        item.click();
        browser.awaitIdle();
        browser.until(d -> "131072".equals(d.findElement(By.id("cfg:contextWindow")).getAttribute("value")));
        browser.click("#cfg\\:save");

        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:table"), "meta-llama/llama-3.3-70b-instruct:free"));
        JsonObject saved = llmgate.api.get("admin/llm-configs?organizationId=" + s.organization).array().getJsonObject(0);
        assertThat(saved.getString("model")).isEqualTo("meta-llama/llama-3.3-70b-instruct:free");
        assertThat(saved.getInt("contextWindow")).isEqualTo(131_072);
    }

    @Test
    void a_fallback_that_leads_back_is_refused_as_a_cycle_and_nothing_is_saved() {
        Scenario s = new Scenario(llmgate);
        long credential = s.credential(OPENAI, s.key("cycle"));
        long primary = s.hop(OPENAI, credential, s.model("primary"));
        long backup = s.hop(OPENAI, credential, s.model("backup"));
        String backupName = llmgate.api.get("admin/llm-configs/" + backup).json().getString("name");

        browser.go("configs.xhtml?org=" + s.organization);
        assertThat(browser.text("#list\\:table")).contains("→");
        browser.click("#list\\:table tbody tr:nth-child(2) button[id$='edit']");
        browser.choose("cfg:fallbackConfigId", llmgate.api.get("admin/llm-configs/" + primary).json().getString("name"));
        browser.click("#cfg\\:save");

        String refusal = browser.text("#cfg\\:fallbackConfigId ~ .ui-message-error");
        assertThat(refusal).contains("Refused: this fallback leads back to this config", backupName);
        browser.screenshot("06-cycle-refused");
        assertThat(llmgate.api.get("admin/llm-configs/" + backup).json().isNull("fallbackConfigId")).isTrue();
    }

    @Test
    void courses_and_homeworks_show_the_effective_config_and_its_chain() {
        Scenario s = new Scenario(llmgate);
        long credential = s.credential(OPENAI, s.key("effective"));
        s.hop(OPENAI, credential, s.model("primary"));
        s.hop(OPENAI, credential, s.model("backup"));

        browser.go("courses.xhtml?org=" + s.organization);
        String homeworks = browser.text("#list\\:homeworks");
        assertThat(homeworks).contains(s.model("primary") + ") → ", s.model("backup"), "from the homework");
        browser.click("#list\\:newCourse");
        browser.type("#edit\\:name", "Databases 101");
        browser.click("#edit\\:save");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list:courses"), "Databases 101"));
        browser.screenshot("07-courses-homeworks");
    }

    @Test
    void the_playground_streams_the_answer_and_shows_the_fallback_notice_when_the_primary_is_rate_limited() {
        Scenario s = new Scenario(llmgate);
        s.fake().script(s.model("primary"), Behavior.status(429).retryAfter(Duration.ofSeconds(30)));
        s.hop(OPENROUTER, s.credential(OPENROUTER, s.key("primary")), s.model("primary"));
        s.hop(OPENAI, s.credential(OPENAI, s.key("backup")), s.model("backup"));

        browser.go("playground.xhtml?org=" + s.organization);
        browser.type("#pg\\:message", "What is a foreign key?");
        browser.click("#pg-send");
        browser.until(ExpectedConditions.attributeToBe(By.id("pg-result"), "data-state", "done"));

        assertThat(browser.text("#pg-notices .lg-notice")).startsWith("Switched to backup model").contains(s.model("backup"), "rate_limited");
        assertThat(browser.text("#pg-answer")).isEqualTo("Hello from " + s.model("backup"));
        assertThat(browser.text("#pg-status")).contains("Answered by " + s.model("backup"));
        browser.screenshot("08-playground-fallback");
    }

    @Test
    void a_dead_key_raises_a_banner_on_every_page_until_acknowledged_on_the_health_page() {
        Scenario s = new Scenario(llmgate);
        String dead = s.key("dead");
        s.fake().scriptKey(dead, Behavior.status(401));
        long deadCredential = s.credential(OPENAI, dead);
        s.hop(OPENAI, deadCredential, s.model("primary"));
        s.hop(OPENAI, s.credential(OPENAI, s.key("alive")), s.model("backup"));
        assertThat(s.chat("hello").names()).contains("fallback", "done");
        // the trip's notification is written off the request path
        Awaited.notificationsFor(llmgate, deadCredential, 1);

        browser.go("index.xhtml?org=" + s.organization);
        browser.screenshot("00-start");
        assertThat(browser.text("#urgent-banner")).contains("high-priority notification");
        browser.go("health.xhtml");
        assertThat(browser.text("#health\\:breakers")).contains("OPEN", "auth_error");
        assertThat(browser.text("#health\\:hints")).contains(s.model("backup"));
        browser.screenshot("09-health");

        while (!browser.all("#health\\:notices button").isEmpty()) {
            int before = browser.all("#health\\:notices button").size();
            browser.click("#health\\:notices button");
            browser.until(d -> d.findElements(By.cssSelector("#health\\:notices button")).size() < before);
        }
        browser.go("index.xhtml");
        assertThat(browser.all("#urgent-banner")).isEmpty();
    }

    @Test
    void a_breaker_open_for_an_hour_is_reset_from_the_health_page() {
        Scenario s = new Scenario(llmgate);
        Scenario.Tripped tripped = s.rateLimitedPrimary("limited", java.time.Duration.ofSeconds(3600));

        browser.go("health.xhtml");
        WebElement row = browser.until(d -> d.findElements(By.cssSelector("#health\\:breakers tbody tr")).stream()
                .filter(r -> r.getText().contains(tripped.model())).findFirst().orElse(null));
        assertThat(row.getText()).contains("OPEN", "rate_limited");
        row.findElement(By.xpath(".//button[.//span[text()='Reset']]")).click();
        browser.awaitIdle();

        assertThat(browser.text("body")).contains("breaker closed");
        assertThat(Scenario.modelBreaker(llmgate.api, tripped.model()).orElseThrow().getString("state")).isEqualTo("CLOSED");
        browser.screenshot("10-breaker-reset");
    }

    private static void openCredential(long organization, long credentialId) {
        browser.go("credentials.xhtml?org=" + organization);
        String label = llmgate.api.get("admin/credentials/" + credentialId).json().getString("label");
        WebElement row = browser.until(d -> d.findElements(By.cssSelector("#list\\:table tbody tr")).stream()
                .filter(r -> r.getText().contains(label)).findFirst().orElse(null));
        row.findElement(By.cssSelector("button[id$='edit']")).click();
        browser.awaitIdle();
        browser.find("#cred\\:testModel_input");
    }

    private static void signIn(String password) {
        browser.type("#login\\:username", LlmgateServer.ADMIN_USER);
        browser.type("#login\\:password", password);
        browser.click("#login\\:submit");
    }
}
