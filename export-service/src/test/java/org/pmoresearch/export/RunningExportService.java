package org.pmoresearch.export;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.pmoresearch.contracts.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as it ships, on a real Kafka broker, with analytics played by {@link AnalyticsStub} over real HTTP.
 * Every test class extending this shares one Spring context (and one broker): keep the configuration here.
 * Before the first test the catalogue topic receives an unreadable record, then versions 1 and 2. The analytics read
 * timeout is long here because some tests hold analytics' answers back while they look at a request in flight.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"pmo.export.admin-page-size=500", "pmo.analytics.read-timeout=30s"})
@EmbeddedKafka(partitions = 1, topics = Topics.CATALOGUE, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class RunningExportService {

    protected static final AnalyticsStub analytics = new AnalyticsStub().start();
    private static final String ADMIN_PASSWORD_HASH = new BCryptPasswordEncoder().encode(AnalyticsStub.ADMIN_PASSWORD);
    private static volatile boolean cataloguesPublished;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("pmo.analytics.base-url", analytics::baseUrl);
        registry.add("pmo.report-token.secret", () -> AnalyticsStub.REPORT_TOKEN_SECRET);
        registry.add("pmo.admin.username", () -> AnalyticsStub.ADMIN_USERNAME);
        registry.add("pmo.admin.password-hash", () -> ADMIN_PASSWORD_HASH);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    private EmbeddedKafkaBroker broker;

    protected ExportHttp http;

    @BeforeEach
    void serviceKnowsCatalogueVersion2AndAnalyticsIsFresh() throws Exception {
        http = new ExportHttp(port);
        if (!analytics.isRunning()) {
            analytics.start();
        }
        analytics.reset();
        if (!cataloguesPublished) {
            CataloguePublisher.publishUnreadable(broker.getBrokersAsString());
            CataloguePublisher.publish(broker.getBrokersAsString(), TestCatalogues.version1());
            CataloguePublisher.publish(broker.getBrokersAsString(), TestCatalogues.version2());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<byte[]> response = http.get("/api/exports/pmo-services.xlsx");
                assertThat(response.statusCode()).isEqualTo(200);
                try (XSSFWorkbook workbook = ExportHttp.workbook(response)) {
                    assertThat(workbook.getSheet("Services & tasks").getLastRowNum()).as("rows of catalogue version 2").isEqualTo(6);
                }
            });
            cataloguesPublished = true;
            analytics.reset();
        }
    }
}
