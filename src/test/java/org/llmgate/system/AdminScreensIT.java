package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
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

    private static void signIn(String password) {
        browser.type("#login\\:username", LlmgateServer.ADMIN_USER);
        browser.type("#login\\:password", password);
        browser.click("#login\\:submit");
    }
}
