package org.pmoresearch.export;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pmoresearch.contracts.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 1, topics = Topics.CATALOGUE, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportServiceIntegrationTest {

    private static final AnalyticsStub analytics = new AnalyticsStub().start();

    @DynamicPropertySource
    static void analyticsBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("pmo.analytics.base-url", analytics::baseUrl);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private EmbeddedKafkaBroker broker;

    private ExportHttp http;

    @BeforeAll
    void publishAnUnreadableRecordThenTwoCatalogueVersions() throws Exception {
        http = new ExportHttp(port);
        CataloguePublisher.publishUnreadable(broker.getBrokersAsString());
        CataloguePublisher.publish(broker.getBrokersAsString(), TestCatalogues.version1());
        CataloguePublisher.publish(broker.getBrokersAsString(), TestCatalogues.version2());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<byte[]> response = http.get("/api/exports/pmo-services.xlsx");
            assertThat(response.statusCode()).isEqualTo(200);
            try (XSSFWorkbook workbook = ExportHttp.workbook(response)) {
                assertThat(workbook.getSheet("Services & tasks").getLastRowNum()).as("rows of catalogue version 2").isEqualTo(6);
            }
        });
    }

    @AfterEach
    void analyticsIsBackUp() {
        if (!analytics.isRunning()) {
            analytics.start();
        }
    }

    @AfterAll
    void stopAnalytics() {
        analytics.stop();
    }

    @Test
    void servesTheLatestCatalogueWithTheFiguresAnalyticsReports() throws IOException {
        HttpResponse<byte[]> response = http.get("/api/exports/pmo-services.xlsx");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"pmo-services.xlsx\"");
        try (XSSFWorkbook workbook = ExportHttp.workbook(response)) {
            Sheet services = workbook.getSheet("Services & tasks");
            assertThat(services.getRow(1).getCell(4).getStringCellValue()).isEqualTo("portfolio-build");
            assertThat(services.getRow(6).getCell(4).getStringCellValue()).isEqualTo("secretariat");

            Sheet hotspots = workbook.getSheet("Hotspots");
            assertThat(hotspots.getRow(0).getCell(1).getNumericCellValue()).isEqualTo(8);
            assertFigures(hotspots, 3, "portfolio-build", "", 6, 0.75);
            assertFigures(hotspots, 4, "portfolio-build", "portfolio-register", 5, 0.625);
            assertFigures(hotspots, 5, "portfolio-build", "demand-intake", 2, 0.25);
            assertFigures(hotspots, 6, "benefits-management", "", 0, 0);
            assertFigures(hotspots, 7, "benefits-management", "benefits-register", 0, 0);
            assertFigures(hotspots, 8, "secretariat", "", 1, 0.125);
        }
    }

    @Test
    void answersAServiceUnavailableProblemWhileAnalyticsIsDown() {
        analytics.stop();

        HttpResponse<byte[]> response = http.get("/api/exports/pmo-services.xlsx");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("15");
        assertThat(ExportHttp.text(response))
                .contains("\"status\":503")
                .contains("\"title\":\"Export temporarily unavailable\"")
                .contains("analytics-service did not answer");
        assertThat(ExportHttp.text(http.get("/actuator/prometheus")))
                .containsPattern("pmo_exports_failures_total\\{application=\"export-service\",workbook=\"public\"} [1-9]");
    }

    @Test
    void publishesExportDurationAndSizeOnPrometheus() {
        assertThat(http.get("/api/exports/pmo-services.xlsx").statusCode()).isEqualTo(200);

        String metrics = ExportHttp.text(http.get("/actuator/prometheus"));

        assertThat(metrics)
                .containsPattern("pmo_exports_duration_seconds_count\\{application=\"export-service\",workbook=\"public\"} [1-9]")
                .containsPattern("pmo_exports_size_bytes_sum\\{application=\"export-service\",workbook=\"public\"} [1-9]");
    }

    @Test
    void exposesHealthAndPrometheusButNoOtherActuatorEndpoint() {
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void describesTheDownloadInOpenApi() {
        HttpResponse<byte[]> response = http.get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ExportHttp.text(response)).contains("/api/exports/pmo-services.xlsx");
    }

    @Test
    void keepsAdminPathsClosedWhenNoAdminIsConfigured() throws Exception {
        HttpRequest withCredentials = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/exports"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(withCredentials, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static void assertFigures(Sheet hotspots, int rowIndex, String areaId, String taskId, int respondents, double share) {
        var row = hotspots.getRow(rowIndex);
        assertThat(row.getCell(5).getStringCellValue()).isEqualTo(areaId);
        assertThat(row.getCell(6).getStringCellValue()).isEqualTo(taskId);
        assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(respondents);
        assertThat(row.getCell(4).getNumericCellValue()).isCloseTo(share, within(1e-9));
    }
}
