package org.llmgate.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: no Selenium Manager download,
 * no network beyond loopback. Every wait is a bounded condition.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * Where the main screens' pictures go: target/ on every run, so tests never change tracked
     * files; refresh the README's pictures with -Dllmgate.screenshots=docs/screenshots.
     */
    static final Path SCREENSHOTS = Path.of(System.getProperty("llmgate.screenshots",
            Path.of(System.getProperty("llmgate.buildDir", "target"), "screenshots").toString()));

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final String baseUrl;
    private final Path profile;

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static Browser open(String baseUrl) {
        Path profile = Llmgate.tempDir("llmgate-chromium");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1360,960",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, baseUrl, profile);
    }

    void go(String page) {
        driver.get(baseUrl + "/" + page);
        awaitIdle();
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Replaces an input's text. */
    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
        awaitIdle();
    }

    /**
     * Picks an option of a PrimeFaces selectOneMenu by its visible label, as a user would: open the
     * menu, click the item. The panel slides open, so a click can land on a neighbour while it
     * moves; the menu's own label says what was picked, and a wrong pick is simply made again.
     */
    void choose(String menuId, String label) {
        String menu = "#" + css(menuId);
        String panel = "#" + css(menuId + "_panel");
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                .until(d -> {
            if (d.findElement(By.cssSelector(menu + " .ui-selectonemenu-label")).getText().trim().equals(label)) {
                return true;
            }
            if (!d.findElement(By.cssSelector(panel)).isDisplayed()) {
                d.findElement(By.cssSelector(menu)).click();
                return false;
            }
            d.findElements(By.cssSelector(panel + " li.ui-selectonemenu-item")).stream()
                    .filter(li -> li.isDisplayed() && li.getText().trim().equals(label))
                    .findFirst().ifPresent(WebElement::click);
            return false;
        });
        awaitIdle();
    }

    void awaitIdle() {
        wait.until(d -> {
            Object done = ((JavascriptExecutor) d).executeScript(
                    "return document.readyState === 'complete' && (!window.PrimeFaces || !PrimeFaces.ajax"
                            + " || PrimeFaces.ajax.Queue.isEmpty());");
            return Boolean.TRUE.equals(done);
        });
    }

    <T> T until(ExpectedCondition<T> condition) {
        return wait.until(condition);
    }

    /** Runs {@code js} in the page (a function body: {@code return} gives the result) and answers its result. */
    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    String text(String css) {
        return find(css).getText();
    }

    String source() {
        return driver.getPageSource();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    /** The page's picture and source under target/it-logs, after a failed test. */
    void keepEvidence(String name) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("llmgate.buildDir", "target"), "it-logs", "browser"));
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.err.println("no evidence kept for " + name + ": " + e);
        }
    }

    /** A JSF client id as a CSS id selector: the colons escaped. */
    static String css(String clientId) {
        return clientId.replace(":", "\\:");
    }

    @Override
    public void close() {
        driver.quit();
        Scratch.delete(profile);
    }
}
