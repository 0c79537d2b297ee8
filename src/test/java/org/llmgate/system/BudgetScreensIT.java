package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 13 on the screens: an admin caps a course on the Budgets page, a student chats in the
 * playground until the cap stops them, and the page shows the bar full and that day's cost.
 */
class BudgetScreensIT {

    static Llmgate llmgate;
    static Browser browser;

    @BeforeAll
    static void start() {
        assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        llmgate = Llmgate.shared();
        browser = Browser.open(llmgate.server.baseUrl());
        browser.go("index.xhtml");
        if (browser.url().contains("login.xhtml")) {
            browser.type("#login\\:username", LlmgateServer.ADMIN_USER);
            browser.type("#login\\:password", LlmgateServer.ADMIN_PASSWORD);
            browser.click("#login\\:submit");
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_course_budget_set_on_the_screen_stops_the_playground_and_shows_a_full_bar_and_the_days_cost() {
        Scenario s = new Scenario(llmgate);
        String model = s.model("paid");
        s.hop(Fixtures.config(s.organization, OPENAI, s.credential(OPENAI, s.key("paid")), model, null, null)
                .add("maxOutputTokens", 10).add("inputCentsPerMillion", 100_000).add("outputCentsPerMillion", 100_000));
        // "hello" is estimated at 9 prompt tokens; 9 + 10 tokens at 0.1 cent per thousand: 1.9 cents a chat
        s.fake().script(model, Behavior.answer("Hi", " there").usage(9, 10));
        String course = llmgate.api.get("admin/courses/" + s.course).json().getString("name");

        browser.go("budgets.xhtml?org=" + s.organization);
        browser.choose("budget:target", "Course " + course);
        browser.type("#budget\\:limitCents", "3.8");
        browser.click("#budget\\:save");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#budgets\\:table"), "Course '" + course + "'"));

        assertThat(playground()).isEqualTo("done");
        assertThat(playground()).isEqualTo("done");
        assertThat(playground()).isEqualTo("error");
        assertThat(browser.text("#pg-status")).contains("budget_exhausted", "Course '" + course + "' has used its monthly budget of 0.038");
        assertThat(s.fake().calls(model)).isEqualTo(2);

        browser.go("budgets.xhtml?org=" + s.organization);
        assertThat(browser.text("#budgets\\:table")).contains("100 %", "0.038 of 0.038");
        // the day's cost as the chart draws it: PrimeFaces removes the chart's script once run, so the data
        // is read from Chart.js itself
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(browser.all("#usage\\:costPerDay canvas")).isNotEmpty();
        assertThat(browser.script("const c = Chart.getChart(document.getElementById('usage:costPerDay_canvas'));"
                + " return JSON.stringify([c.data.labels, c.data.datasets[0].data]);"))
                .isEqualTo("[[\"" + today + "\"],[3.8]]");
        browser.choose("usage:groupBy", "by day");
        browser.click("#usage\\:show");
        assertThat(browser.text("#usage\\:breakdown")).contains(today, "3.8");
        browser.screenshot("13-budget-full");
        browser.go("courses.xhtml");
        assertThat(browser.text("#list\\:courses")).contains(course, "100 %", "monthly: 0.038 of 0.038");
        browser.go("organizations.xhtml");
        assertThat(browser.text("#list\\:table")).contains("no budget");

        // a config without prices escapes a money budget: the health page says so
        String unpriced = s.model("unpriced");
        llmgate.api.create("admin/llm-configs", Fixtures.config(s.organization, OPENAI, s.credential(OPENAI, s.key("u")),
                unpriced, null, null).build());
        browser.go("health.xhtml");
        assertThat(browser.text("#health\\:unpriced")).contains("Configs without pricing under a money budget", unpriced);
    }

    /** One chat in a freshly loaded playground; answers how it ended ("done" or "error"). */
    private static String playground() {
        browser.go("playground.xhtml");
        browser.type("#pg\\:message", "hello");
        browser.click("#pg-send");
        browser.until(d -> !"idle".equals(d.findElement(By.id("pg-result")).getAttribute("data-state"))
                && !"streaming".equals(d.findElement(By.id("pg-result")).getAttribute("data-state")));
        return browser.find("#pg-result").getAttribute("data-state");
    }
}
