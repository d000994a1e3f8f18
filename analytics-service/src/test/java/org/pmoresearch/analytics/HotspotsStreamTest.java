package org.pmoresearch.analytics;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live stream as a browser's EventSource sees it, over a real HTTP connection. */
@Order(4)
class HotspotsStreamTest extends AnalyticsIntegrationTest {

    @Test
    void aStreamClientGetsTheHotspotsOnConnectAndAnUpdateAfterASubmission() throws Exception {
        awaitHotspotsMatchTheGroundTruth();
        long totalBefore = TRUTH.expected().totalResponses();

        try (SseClient client = SseClient.connect(URI.create("http://localhost:" + port + "/api/hotspots/stream"))) {
            assertThat(client.response().statusCode()).isEqualTo(200);
            assertThat(client.response().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
            await().atMost(COUNTING_TIMEOUT).until(() -> !client.events().isEmpty());
            SseClient.Event first = client.events().get(0);
            assertThat(first.name()).isEqualTo("hotspots");
            assertThat(TestEvents.JSON.readTree(first.data()).get("totalResponses").asLong()).isEqualTo(totalBefore);
            assertThat(meters.get("pmo.dashboard.clients").gauge().value()).isGreaterThanOrEqualTo(1);

            Instant submitted = Instant.now();
            publishSubmission(UUID.randomUUID(), TestEvents.randomSelections(RANDOM));
            await().atMost(COUNTING_TIMEOUT).until(() -> client.lastEvent()
                    .map(event -> TestEvents.JSON.readTree(event.data()).get("totalResponses").asLong() == totalBefore + 1)
                    .orElse(false));
            assertThat(Duration.between(submitted, Instant.now())).isLessThan(Duration.ofSeconds(10));
            assertThat(client.lastEvent().orElseThrow().name()).isEqualTo("hotspots");

            await().atMost(Duration.ofSeconds(10)).until(() -> client.comments().contains("heartbeat"));
        }

        // A closed stream is forgotten as soon as a write to it fails (heartbeats every second here).
        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.get("pmo.dashboard.clients").gauge().value() == 0);
    }
}
