package org.pmoresearch.export.messaging;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmoresearch.export.config.AnalyticsProperties;
import org.pmoresearch.export.domain.Figures;
import org.pmoresearch.export.domain.Hotspots;
import org.pmoresearch.export.domain.ResponseNotFoundException;
import org.pmoresearch.export.domain.ResponseWithdrawnException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How answers of analytics-service are read: figures, suppression, counts versions, refusals. */
class AnalyticsClientTest {

    private HttpServer server;
    private volatile int status;
    private volatile String body;
    private volatile Map<String, String> headers;
    private AnalyticsClient client;

    @BeforeEach
    void startAnalytics() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        client = new AnalyticsClient(RestClient.builder(), new AnalyticsProperties(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                JsonMapper.builder().build());
    }

    @AfterEach
    void stopAnalytics() {
        server.stop(0);
    }

    private void answer(int status, String body, Map<String, String> headers) {
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    @Test
    void readsFiguresTakingAnalyticsPercentagesAndItsSuppression() {
        answer(200, """
                {"totalResponses": 3, "minCellSize": 3, "suppressed": false, "areas": [
                  {"id": "a", "count": 2, "percentage": 66.7, "rank": 1, "band": "common", "tasks": [
                    {"id": "t1", "count": 1, "rank": 2},
                    {"id": "t2", "count": null, "percentage": null, "suppressed": true}]}]}
                """, Map.of());

        Hotspots hotspots = client.fetchHotspots(null).hotspots();

        assertThat(hotspots.minCellSize()).isEqualTo(3);
        assertThat(hotspots.area("a")).isEqualTo(new Figures(2L, 0.667, 1, "common", false));
        assertThat(hotspots.task("a", "t1").share()).as("no percentage sent: count / total").isEqualTo(1.0 / 3);
        assertThat(hotspots.task("a", "t2")).isEqualTo(Figures.SUPPRESSED);
        assertThat(hotspots.area("not-reported")).isEqualTo(Figures.NOBODY);
    }

    @Test
    void takesTheCountsVersionFromAnalyticsWhenItSendsOneAndFromTheAnswerOtherwise() {
        answer(200, "{\"totalResponses\": 8, \"countsVersion\": \"42\", \"areas\": []}", Map.of("ETag", "\"e1\""));
        assertThat(client.fetchHotspots(null).countsVersion()).isEqualTo("42");

        answer(200, "{\"totalResponses\": 8, \"areas\": []}", Map.of("ETag", "\"e1\""));
        assertThat(client.fetchHotspots(null).countsVersion()).isEqualTo("\"e1\"");

        answer(200, "{\"totalResponses\": 8, \"areas\": []}", Map.of());
        String hashed = client.fetchHotspots(null).countsVersion();
        assertThat(hashed).startsWith("8-").isEqualTo(client.fetchHotspots(null).countsVersion());
        answer(200, "{\"totalResponses\": 8, \"areas\": [{\"id\": \"a\", \"count\": 1}]}", Map.of());
        assertThat(client.fetchHotspots(null).countsVersion()).startsWith("8-").isNotEqualTo(hashed);
    }

    @Test
    void passesOnNotCountedYetWithItsRetryAfterAndWithdrawn() {
        answer(404, "{\"status\": 404}", Map.of("Retry-After", "3"));
        assertThat(catchThrowableOfType(ResponseNotFoundException.class, () -> client.fetchResponse(UUID.randomUUID(), "token"))
                .retryAfter()).isEqualTo("3");

        answer(410, "{\"status\": 410}", Map.of());
        assertThatThrownBy(() -> client.fetchResponse(UUID.randomUUID(), "token")).isInstanceOf(ResponseWithdrawnException.class);
    }
}
