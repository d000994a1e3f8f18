package org.pmoresearch.catalogue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pmoresearch.catalogue.store.CatalogueVersionStore;
import org.pmoresearch.contracts.CatalogueArea;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The admin page in a real browser (Debian's Chromium, headless); skipped where Chromium is not installed. */
class CatalogueAdminPageBrowserTest extends RunningCatalogueService {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static WebDriver browser;
    private static Path profile;

    @Autowired
    CatalogueVersionStore store;

    private WebDriverWait wait;

    @BeforeAll
    static void startChromium() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "Chromium is not installed");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("catalogue-admin-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(options);
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @BeforeEach
    void openTheAdminPage() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.manage().logs().get(LogType.BROWSER); // reading the log empties it: what an earlier test left
        browser.get("http://" + ADMIN_USER + ":" + ADMIN_PASSWORD + "@localhost:" + port + "/admin/catalogue");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Draft revision"));
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("published-version"), "…")));
    }

    @Test
    void anOrganiserRenamesAnAreaAndPublishesItAsTheNextVersion() {
        int next = store.findLatest().orElseThrow().version() + 1;
        open("delivery");
        open("reporting");
        WebElement name = browser.findElement(By.id("name-reporting"));
        name.clear();
        name.sendKeys("Status reporting");
        browser.findElement(By.id("save-reporting")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Saved service area “Status reporting”."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("changes"),
                "Renamed service area “Reporting” to “Status reporting”"));

        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Published version " + next));
        wait.until(ExpectedConditions.textToBe(By.id("published-version"), Integer.toString(next)));
        assertThat(store.find(next).orElseThrow().groups().stream().flatMap(group -> group.areas().stream())
                .filter(area -> area.id().equals("reporting")).map(CatalogueArea::name))
                .containsExactly("Status reporting");
        // Nothing the page asked for failed along the way, its icon among them.
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .filteredOn(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .as("browser console errors").isEmpty();
    }

    @Test
    void movesAnAreaDownWithTheKeyboardKeepingTheFocusOnIt() {
        open("centre-of-excellence");
        open("standards-methods");
        WebElement moveDown = browser.findElement(By.id("down-standards-methods"));

        moveDown.sendKeys(Keys.ENTER);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Moved “Standards & methods” down."));
        assertThat(browser.findElements(By.cssSelector("#item-centre-of-excellence > ol > li > details")))
                .extracting(area -> area.getAttribute("id")).startsWith("item-ppm-tools", "item-standards-methods");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("down-standards-methods");
    }

    @Test
    void aChangeToADraftSomeoneElseChangedIsRefusedAndTheDraftReloaded() {
        open("planning");
        open("benefits-management");
        admin("PATCH", "/api/admin/catalogue/areas/benefits-management", draftETag(), "{\"description\": \"Changed elsewhere.\"}");
        WebElement name = browser.findElement(By.id("name-benefits-management"));
        name.clear();
        name.sendKeys("Benefits realisation");

        browser.findElement(By.id("save-benefits-management")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert"), "Someone else changed the draft"));
        wait.until(ExpectedConditions.attributeToBe(By.id("description-benefits-management"), "value", "Changed elsewhere."));
        assertThat(browser.findElement(By.id("name-benefits-management")).getAttribute("value")).isEqualTo("Benefits management");
    }

    private void open(String itemId) {
        WebElement details = browser.findElement(By.id("item-" + itemId));
        if (details.getAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
    }
}
