package org.pmoresearch.analytics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.web.QrCodes;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The dashboard in a real browser (Debian's chromium, headless); skipped where chromium is not installed. */
@Order(6)
class DashboardBrowserTest extends AnalyticsIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void requireChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    }

    @BeforeEach
    void openBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("dashboard-browser-test"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(options);
        // The page re-renders its table on every update: an element found in one poll may be gone by the next call.
        wait = new WebDriverWait(browser, PAGE_TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardFollowsNewSubmissionsWithoutReloadingAndDrillsIntoSegmentsAndTasks() throws Exception {
        awaitHotspotsMatchTheGroundTruth();
        browser.get("http://localhost:" + port + "/dashboard");
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard/");
        awaitTotal(TRUTH.expected().totalResponses());
        ((JavascriptExecutor) browser).executeScript("window.loadedOnce = true;");

        for (int i = 0; i < 3; i++) {
            publishSubmission(UUID.randomUUID(), TestEvents.randomProfile(RANDOM), TestEvents.randomSelections(RANDOM), 1);
        }

        awaitTotal(TRUTH.expected().totalResponses());
        assertThat(((JavascriptExecutor) browser).executeScript("return window.loadedOnce === true;")).isEqualTo(true);
        JsonNode hotspots = hotspots();
        assertThat(browser.findElement(By.id("chart")).getAttribute("role")).isEqualTo("img");
        // The page re-renders on every update, so every check finds its elements afresh.
        int areas = hotspots.get("areas").size();
        wait.until(driver -> driver.findElements(By.cssSelector("#table-body tr")).size() == areas);
        JsonNode topArea = hotspots.get("areas").get(0);
        String topAreaName = topArea.get("name").asString();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#table-body tr:first-child th"), "textContent",
                topAreaName));

        browser.findElement(By.id("view-toggle")).click();
        wait.until(driver -> {
            driver.findElement(By.cssSelector("#table-body tr:first-child button.drill")).sendKeys(Keys.ENTER);
            return true;
        });
        wait.until(ExpectedConditions.textToBe(By.id("view-title"), topAreaName + ": tasks, most common first"));
        wait.until(driver -> driver.findElements(By.cssSelector("#table-body tr")).size()
                == topArea.get("tasks").size());
        browser.findElement(By.id("back")).click();
        wait.until(ExpectedConditions.textToBe(By.id("view-title"), "Service areas, most common first"));

        // On a phone (a respondent following the completion page's link) every area's label stays on the canvas.
        browser.findElement(By.id("view-toggle")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chart")));
        // A window does not shrink to a phone's width; the viewport is made one, as DevTools' device mode does.
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        wait.until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "return Chart.getChart(document.getElementById('chart')).width < 400;")));
        @SuppressWarnings("unchecked")
        List<Number> axis = (List<Number>) ((JavascriptExecutor) browser).executeScript("""
                const chart = Chart.getChart(document.getElementById('chart'));
                const y = chart.scales.y;
                const context = chart.ctx;
                context.save();
                context.font = y.options.ticks.font.size + 'px ' + y.options.ticks.font.family;
                const widest = Math.max(...y.ticks.map((tick) => context.measureText(tick.label).width));
                context.restore();
                return [y.ticks.length, widest, y.width];""");
        assertThat(axis.get(0).intValue()).isEqualTo(areas);
        assertThat(axis.get(1).doubleValue()).as("widest area label against the axis's width")
                .isLessThanOrEqualTo(axis.get(2).doubleValue());
        // The table scrolls sideways within its box; the page itself keeps to the phone's width.
        browser.findElement(By.id("view-toggle")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("table-body")));
        @SuppressWarnings("unchecked")
        List<Number> page = (List<Number>) ((JavascriptExecutor) browser).executeScript(
                "return [window.innerWidth, document.documentElement.scrollWidth];");
        assertThat(page.get(0).intValue()).as("layout width").isEqualTo(390);
        assertThat(page.get(1).intValue()).as("page width with the table shown").isLessThanOrEqualTo(390);
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());

        new Select(browser.findElement(By.id("dimension"))).selectByValue("sector");
        new Select(browser.findElement(By.id("segment-value"))).selectByValue(TestEvents.EMPTY_SECTOR);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Fewer than 5 respondents");
        assertThat(browser.findElement(By.id("view-subtitle")).getText()).contains("fewer than 5 respondents");

        browser.findElement(By.id("presenter")).click();
        wait.until(driver -> driver.findElement(By.tagName("body")).getAttribute("class").contains("presenter"));
        assertThat(browser.findElement(By.id("presenter")).getAttribute("aria-pressed")).isEqualTo("true");

        // The room takes the survey from the screen: a camera reads the code on it, and the address beside it is the same.
        String surveyUrl = "http://localhost:" + port + "/survey/";
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("join-code")));
        wait.until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "const code = document.getElementById('join-code'); return code.complete && code.naturalWidth > 0;")));
        assertThat(browser.findElement(By.id("join-url")).getText()).isEqualTo("localhost:" + port + "/survey/");
        assertThat(browser.findElement(By.id("join-code")).getAttribute("alt")).isEqualTo("QR code of " + surveyUrl);
        byte[] picture = browser.findElement(By.id("join-code")).getScreenshotAs(OutputType.BYTES);
        assertThat(QrCodes.textOfPicture(ImageIO.read(new ByteArrayInputStream(picture)))).isEqualTo(surveyUrl);

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    private void awaitTotal(long total) {
        String expected = NumberFormat.getIntegerInstance(Locale.UK).format(total);
        try {
            wait.until(ExpectedConditions.textToBe(By.id("total"), expected));
        } catch (TimeoutException e) {
            throw new AssertionError("The total never read " + expected + "; browser console: "
                    + browser.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
    }
}
