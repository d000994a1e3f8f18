package org.pmoresearch.export;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The catalogue round trip and the export against a real Kafka container; skipped where Docker is missing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Testcontainers(disabledWithoutDocker = true)
class ExportServiceContainersTest {

    @Container
    @ServiceConnection
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");

    private static final AnalyticsStub analytics = new AnalyticsStub().start();

    /**
     * The binder reads its brokers from spring.kafka.bootstrap-servers (application.yml), and an explicit broker
     * list wins over the connection details @ServiceConnection provides, so the binder is pointed here too.
     */
    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", kafka::getBootstrapServers);
        registry.add("pmo.analytics.base-url", analytics::baseUrl);
        registry.add("pmo.report-token.secret", () -> AnalyticsStub.REPORT_TOKEN_SECRET);
    }

    @AfterAll
    static void stopAnalytics() {
        analytics.stop();
    }

    @LocalServerPort
    private int port;

    @Test
    void exportsThePublishedCatalogueWithTheAnalyticsFigures() throws Exception {
        ExportHttp http = new ExportHttp(port);

        CataloguePublisher.publish(kafka.getBootstrapServers(), TestCatalogues.version2());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<byte[]> response = http.get("/api/exports/pmo-services.xlsx");
            assertThat(response.statusCode()).isEqualTo(200);
            try (XSSFWorkbook workbook = ExportHttp.workbook(response)) {
                assertThat(workbook.getSheet("Services & tasks").getRow(6).getCell(4).getStringCellValue()).isEqualTo("secretariat");
                assertThat(workbook.getSheet("Hotspots").getRow(0).getCell(1).getNumericCellValue()).isEqualTo(8);
                assertThat(workbook.getSheet("Hotspots").getRow(3).getCell(3).getNumericCellValue()).isEqualTo(6);
            }
        });
    }
}
