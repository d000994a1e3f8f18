package org.pmoresearch.survey;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.survey.SurveyHttpClient.Response;
import org.pmoresearch.survey.domain.CatalogueRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service pointed at a port where no broker listens: it must still start, and answer 503 with
 * Retry-After quickly instead of hanging or claiming success. The catalogue is loaded through the
 * registry, the same entry point the catalogue consumer uses, since no broker can deliver it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "pmo.report-token.secret=" + BrokerUnavailableTest.SECRET)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Closed afterwards: its Kafka clients would otherwise keep retrying the missing broker, and logging it, for the rest of the run.
@DirtiesContext
class BrokerUnavailableTest {

    static final String SECRET = "broker-unavailable-test-report-token-secret";

    private static final Duration PROMISED_BOUND = Duration.ofSeconds(5);
    private static final String VALID_BODY = """
            {"catalogueVersion": 1, "selections": {"secretariat": ["minutes"]}}""";

    private static final String NO_BROKER = "127.0.0.1:" + closedPort();

    @DynamicPropertySource
    static void brokerThatIsNotThere(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> NO_BROKER);
        // The binder's child context ranks JVM system properties above these, and an @EmbeddedKafka test that ran
        // earlier in this JVM leaves spring.kafka.bootstrap-servers set there; the binder key is not shadowed.
        registry.add("spring.cloud.stream.kafka.binder.brokers", () -> NO_BROKER);
    }

    @LocalServerPort
    int port;

    @Autowired
    CatalogueRegistry catalogues;

    @Autowired
    MeterRegistry meterRegistry;

    @Test
    @Order(1)
    void theSurveyIsUnavailableWithRetryAfterUntilACatalogueArrives() throws Exception {
        Response response = new SurveyHttpClient(port).get("/api/survey");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.retryAfter()).hasValue("5");
        assertThat(response.contentType()).hasValue("application/problem+json");
    }

    @Test
    @Order(2)
    void aValidResponseGets503WithRetryAfterWithinFiveSecondsAndIsNotCountedAsAccepted() throws Exception {
        catalogues.register(TestCatalogues.version(1));
        SurveyHttpClient api = new SurveyHttpClient(port);
        double rejectedBefore = meterRegistry.counter("pmo.responses.rejected", "reason", "broker-unavailable").count();

        long start = System.nanoTime();
        Response response = api.submit(UUID.randomUUID().toString(), VALID_BODY);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.retryAfter()).hasValue("5");
        assertThat(response.contentType()).hasValue("application/problem+json");
        assertThat(response.json().get("type").stringValue()).isEqualTo("urn:pmoresearch:problem:broker-unavailable");
        assertThat(elapsed).isLessThan(PROMISED_BOUND);
        assertThat(meterRegistry.counter("pmo.responses.accepted").count()).isZero();
        assertThat(meterRegistry.counter("pmo.responses.rejected", "reason", "broker-unavailable").count())
                .isEqualTo(rejectedBefore + 1);
    }

    @Test
    @Order(3)
    void aWithdrawalGets503WithRetryAfterWithinFiveSeconds() throws Exception {
        UUID responseId = UUID.randomUUID();
        String reportToken = new ReportTokens(SECRET).issue(responseId);

        long start = System.nanoTime();
        Response response = new SurveyHttpClient(port).withdraw(responseId.toString(), reportToken);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.retryAfter()).hasValue("5");
        assertThat(elapsed).isLessThan(PROMISED_BOUND);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
