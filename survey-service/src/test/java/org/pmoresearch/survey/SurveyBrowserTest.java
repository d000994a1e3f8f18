package org.pmoresearch.survey;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.survey.KafkaTestClients.ResponsesTopicReader;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The survey in Debian's Chromium, in a phone-sized window (360 × 740), against the service with a
 * real broker: a respondent fills it in partly by keyboard, reloads midway, loses their connection
 * while submitting, and ends on the completion page.
 */
class SurveyBrowserTest extends SurveyServiceTestContext {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int PHONE_WIDTH = 360;
    private static final int PHONE_HEIGHT = 740;
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RECEIPT_KEY = "pmo-survey:receipt";

    private static ChromeDriver browser;
    private static Path profileDir;

    private WebDriverWait await;
    private String survey;

    @BeforeAll
    static void phoneSizedChromium() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed at /usr/bin");
        // Point Selenium at Debian's driver, so that Selenium Manager never tries to download one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profileDir = Files.createTempDirectory("survey-browser-test");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profileDir, "--window-size=" + PHONE_WIDTH + "," + PHONE_HEIGHT);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(options);
        browser.manage().window().setSize(new Dimension(PHONE_WIDTH, PHONE_HEIGHT));
    }

    @AfterAll
    static void closeChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profileDir != null) {
            try (Stream<Path> files = Files.walk(profileDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @BeforeEach
    void aBrowserThatHasNeverSeenTheSurvey() throws Exception {
        catalogueVersionOneIsPublished();
        survey = "http://localhost:" + port;
        await = new WebDriverWait(browser, PAGE_TIMEOUT);
        browser.get(survey + "/survey/thanks.html");
        script("window.localStorage.clear()");
    }

    @Test
    void aRespondentOnAPhoneFillsTheSurveyReloadsMidwayKeepsTheirAnswersSubmitsThroughADroppedConnectionAndGetsTheirResults()
            throws Exception {
        try (ResponsesTopicReader responses = new ResponsesTopicReader(broker.getBrokersAsString())) {
            Map<TopicPartition, Long> before = responses.endOffsets();

            long opened = System.currentTimeMillis();
            browser.get(survey + "/");
            headingIs("The PMO services survey");
            assertThat(browser.getCurrentUrl()).endsWith("/survey/");
            assertThat(browser.findElements(By.cssSelector(".notice"))).isEmpty();
            assertThat(text("#step")).contains("about 5 minutes").contains("anonymous").contains("spreadsheet");
            assertFitsThePhoneScreen();
            button("Start the survey").click();

            headingIs("About you and your PMO");
            assertThat(text("#progress-label")).isEqualTo("Step 1 of 5");
            assertThat(browser.findElement(By.id("progress-bar")).getDomAttribute("max")).isEqualTo("5");
            browser.findElement(By.cssSelector("label[for='profile-role-pmo-manager']")).click();
            button("Next").click();

            headingIs("Planning");
            assertThat(text("#progress-label")).isEqualTo("Step 2 of 5");
            // Keyboard only: from the heading that received focus, Tab to the first area and tick it, then its first task.
            assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Planning");
            keys(Keys.TAB);
            assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("area-portfolio-reporting");
            keys(Keys.SPACE);
            await.until(ExpectedConditions.visibilityOfElementLocated(By.id("tasks-portfolio-reporting")));
            keys(Keys.TAB);
            assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("task-consolidated-dashboard");
            keys(Keys.SPACE);
            browser.findElement(By.cssSelector("label[for='area-benefits-management']")).click();
            browser.findElement(By.cssSelector("label[for='task-benefits-register']")).click();

            browser.navigate().refresh();

            headingIs("Planning");
            assertThat(checkbox("area-portfolio-reporting").isSelected()).isTrue();
            assertThat(checkbox("task-consolidated-dashboard").isSelected()).isTrue();
            assertThat(checkbox("task-rag-roll-up").isSelected()).isFalse();
            assertThat(checkbox("area-benefits-management").isSelected()).isTrue();
            assertThat(checkbox("task-benefits-register").isSelected()).isTrue();
            assertThat(browser.findElement(By.id("tasks-portfolio-reporting")).isDisplayed()).isTrue();
            button("Next").click();

            headingIs("Delivery");
            browser.findElement(By.cssSelector("label[for='area-risk-management']")).click();
            browser.findElement(By.cssSelector("label[for='task-risk-register']")).click();
            assertThat(browser.findElement(By.id("tasks-secretariat")).isDisplayed()).isFalse();
            button("Next").click();

            headingIs("Other services");
            browser.findElement(By.id("other-services")).sendKeys("Coaching <b>not bold</b>");
            button("Next").click();

            headingIs("Check your answers");
            assertThat(text("#step")).contains("PMO manager", "Portfolio analysis & reporting", "Consolidated dashboard",
                    "Benefits register", "Risk management", "Risk register");
            assertThat(text(".free-text")).isEqualTo("Coaching <b>not bold</b>");
            assertThat(browser.findElements(By.cssSelector(".free-text b"))).as("free text is never HTML").isEmpty();
            assertFitsThePhoneScreen();

            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            browser.setNetworkConditions(offline);
            button("Submit my answers").click();
            await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                    "We could not reach the server; retrying in"));
            assertThat(script("return window.localStorage.getItem('pmo-survey:draft')")).as("answers kept").isNotNull();
            browser.deleteNetworkConditions();

            await.until(ExpectedConditions.urlMatches("/survey/thanks\\.html$"));
            headingIs("Thank you");
            String href = browser.findElement(By.id("download-workbook")).getDomProperty("href");
            Matcher workbook = Pattern.compile(Pattern.quote(OTHER_SERVICES.baseUrl())
                    + "/api/exports/responses/([0-9a-f-]{36})\\.xlsx\\?token=([A-Za-z0-9_-]{43})").matcher(href);
            assertThat(workbook.matches()).as(href).isTrue();
            UUID responseId = UUID.fromString(workbook.group(1));
            assertThat(responseId.version()).as("a time-ordered id, %s", responseId).isEqualTo(7);
            assertThat(responseId.variant()).isEqualTo(2);
            assertThat(responseId.getMostSignificantBits() >>> 16).as("its time: when the draft was started")
                    .isBetween(opened, System.currentTimeMillis());
            assertThat(workbook.group(2)).isEqualTo(new ReportTokens(SECRET).issue(responseId));
            assertThat(download(href)).as("the download link works").isEqualTo(200);
            assertThat(script("return window.localStorage.getItem('pmo-survey:draft')")).isNull();

            List<ConsumerRecord<String, byte[]>> published = responses.recordsSince(before);
            assertThat(published).filteredOn(record -> record.key().equals(responseId.toString())).isNotEmpty()
                    .allSatisfy(record -> {
                        assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(),
                                StandardCharsets.UTF_8)).isEqualTo("SurveyResponseSubmitted");
                        SurveyResponseSubmitted event = JSON.readValue(record.value(), SurveyResponseSubmitted.class);
                        assertThat(event.selections()).containsExactlyInAnyOrderEntriesOf(Map.of(
                                "portfolio-reporting", List.of("consolidated-dashboard"),
                                "benefits-management", List.of("benefits-register"),
                                "risk-management", List.of("risk-register")));
                        assertThat(event.profile().role()).isEqualTo("pmo-manager");
                        assertThat(event.otherServices()).isEqualTo("Coaching <b>not bold</b>");
                    });

            await.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compare-summary"), "Based on 40 responses"));
            assertThat(comparisonRow("Portfolio analysis & reporting")).containsExactly("Yes", "75%");
            assertThat(comparisonRow("Benefits management")).containsExactly("Yes", "43%");
            assertThat(comparisonRow("Secretariat")).containsExactly("No", "10%");
            assertThat(browser.findElement(By.id("dashboard-link")).getDomProperty("href"))
                    .isEqualTo(OTHER_SERVICES.baseUrl() + "/dashboard");
            assertFitsThePhoneScreen();
        }
    }

    @Test
    void aRespondentWithdrawsFromTheCompletionPageAndOnReturnSeesANoticeNotABlock() throws Exception {
        String responseId = UUID.randomUUID().toString();
        SurveyHttpClient.Response receipt = new SurveyHttpClient(port).submit(responseId, """
                {"catalogueVersion": 1, "selections": {"secretariat": ["minutes"]}}""");
        assertThat(receipt.status()).isEqualTo(202);
        script("window.localStorage.setItem(arguments[0], arguments[1])", RECEIPT_KEY, JSON.writeValueAsString(Map.of(
                "responseId", responseId,
                "reportToken", receipt.json().get("reportToken").stringValue(),
                "submittedAt", "2026-11-27T10:00:00Z",
                "selections", Map.of("secretariat", List.of("minutes")),
                "withdrawn", false)));

        try (ResponsesTopicReader responses = new ResponsesTopicReader(broker.getBrokersAsString())) {
            Map<TopicPartition, Long> before = responses.endOffsets();
            browser.navigate().refresh();
            headingIs("Thank you");

            // The page shows the withdraw button once its script has read the stored receipt.
            await.until(ExpectedConditions.elementToBeClickable(By.id("withdraw"))).click();
            await.until(ExpectedConditions.visibilityOfElementLocated(By.id("withdraw-confirm")));
            assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("withdraw-question");
            browser.findElement(By.id("withdraw-yes")).click();

            await.until(ExpectedConditions.visibilityOfElementLocated(By.id("withdrawn")));
            assertThat(text("#withdrawn")).contains("withdrawn");
            assertThat(browser.findElements(By.id("download-workbook"))).isEmpty();
            assertThat(responses.recordsSince(before)).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(responseId);
                assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(), StandardCharsets.UTF_8))
                        .isEqualTo("SurveyResponseWithdrawn");
            });
        }

        browser.get(survey + "/survey/");
        headingIs("The PMO services survey");
        assertThat(text(".notice")).contains("You responded from this browser and withdrew your answers.");
        assertThat(button("Start the survey").isEnabled()).isTrue();
    }

    @Test
    void theSurveyAndTheCompletionPageLoadWithoutAConsoleError() {
        browser.manage().logs().get(LogType.BROWSER); // reading the log empties it: what the set-up left
        browser.get(survey + "/");
        headingIs("The PMO services survey");
        button("Start the survey").click();
        headingIs("About you and your PMO");
        browser.get(survey + "/survey/thanks.html");
        headingIs("No response from this browser");

        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .filteredOn(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .as("browser console errors, a missing icon among them").isEmpty();
    }

    private void headingIs(String heading) {
        await.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), heading));
    }

    private WebElement button(String label) {
        return await.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()=" + xpathLiteral(label) + "]")));
    }

    private WebElement checkbox(String id) {
        return browser.findElement(By.id(id));
    }

    private String text(String cssSelector) {
        return browser.findElement(By.cssSelector(cssSelector)).getText();
    }

    private List<String> comparisonRow(String area) {
        return browser.findElements(By.xpath("//table[contains(@class,'comparison')]//tr[th[normalize-space()="
                + xpathLiteral(area) + "]]/td")).stream().map(WebElement::getText).toList();
    }

    private void keys(CharSequence keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private void assertFitsThePhoneScreen() {
        Number viewport = (Number) script("return window.innerWidth");
        Number content = (Number) script("return document.documentElement.scrollWidth");
        assertThat(viewport.intValue()).isLessThanOrEqualTo(PHONE_WIDTH);
        assertThat(content.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(viewport.intValue());
    }

    private static int download(String href) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String xpathLiteral(String text) {
        return "'" + text + "'";
    }
}
