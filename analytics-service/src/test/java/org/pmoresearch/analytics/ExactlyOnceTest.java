package org.pmoresearch.analytics;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Exactly-once counting with two instances sharing the partitions: this test's context and a second
 * instance of the application (its own Spring context, consumers, store client and web server) against the
 * same broker and store. The second instance is killed mid-stream three times and started again. A kill
 * first cuts its store connection, so the batch in hand stops wherever it is (facts written, counts not),
 * then closes its context without waiting for that batch (listener shutdown timeout of 1 ms).
 */
@Order(8)
class ExactlyOnceTest extends AnalyticsIntegrationTest {

    private static final int CHUNK = 1400;
    private static final int KILLS = 3;

    @Test
    void countsEveryResponseExactlyOnceWhileASecondInstanceIsKilledAndRestartedMidStream() throws Exception {
        double countedBySecondInstances = 0;
        int responses = 0;
        ConfigurableApplicationContext second = startSecondInstance();
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                responses += publishChunk(CHUNK);
                responses += awaitCountingBy(second);
                countedBySecondInstances += countedBy(second);
                kill(second);
                second = startSecondInstance();
            }
            responses += publishChunk(CHUNK);

            awaitHotspotsMatchTheGroundTruth();
            countedBySecondInstances += countedBy(second);
            assertThat(responses).as("distinct responses published").isGreaterThanOrEqualTo(5000);
            assertThat(countedBySecondInstances).as("responses counted by the second instance").isPositive();
            assertEveryFactCarriesThePositionOfItsFirstRecord();
            for (String dimension : List.of("pmoType", "organisationSize")) {
                assertSegmentsMatchTheGroundTruth(dimension);
            }

            aSubmissionCountedByTheOtherInstanceReachesThisInstancesStreamClients();
        } finally {
            second.close();
        }
    }

    private void aSubmissionCountedByTheOtherInstanceReachesThisInstancesStreamClients() throws Exception {
        bindings.stop(BINDING);
        try (SseClient client = SseClient.connect(URI.create("http://localhost:" + port + "/api/hotspots/stream"))) {
            await().atMost(COUNTING_TIMEOUT).until(() -> client.lastEvent().isPresent());
            publishSubmission(UUID.randomUUID(), TestEvents.randomProfile(RANDOM), TestEvents.randomSelections(RANDOM), 1);
            long expectedTotal = TRUTH.expected().totalResponses();

            await().atMost(COUNTING_TIMEOUT).until(() -> client.lastEvent()
                    .map(event -> TestEvents.JSON.readTree(event.data()).get("totalResponses").asLong() == expectedTotal)
                    .orElse(false));
        } finally {
            bindings.start(BINDING);
        }
    }

    private void assertSegmentsMatchTheGroundTruth(String dimension) throws Exception {
        JsonNode answer = getJson(get("/api/hotspots/segments/" + dimension));
        assertThat(answer.get("dimension").asString()).isEqualTo(dimension);
        List<String> values = TestEvents.DIMENSIONS.find(dimension).orElseThrow().options().stream()
                .map(option -> option.value()).toList();
        assertThat(answer.get("segments").valueStream().map(segment -> segment.get("value").asString()))
                .containsExactlyElementsOf(values);
        for (JsonNode segment : answer.get("segments")) {
            GroundTruth.Expected expected = TRUTH.expectedFor(dimension, segment.get("value").asString());
            assertThat(segment.get("suppressed").asBoolean()).isEqualTo(expected.totalResponses() < 5);
            if (!segment.get("suppressed").asBoolean()) {
                assertThat(segment.get("totalResponses").asLong()).isEqualTo(expected.totalResponses());
                HotspotsApiTest.assertCellsMatch(segment, expected);
            }
        }
    }

    /**
     * Until the instance has counted some responses, so that it is killed while it takes part: it needs a rebalance to
     * get partitions, and the first instance alone may count a whole chunk before that. Small chunks are published
     * meanwhile, so there is work left for it once it has them.
     * @return the responses published while waiting
     */
    private static int awaitCountingBy(ConfigurableApplicationContext instance) {
        int[] published = {0};
        await().atMost(COUNTING_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (countedBy(instance) > 0) {
                return true;
            }
            published[0] += publishChunk(50);
            return false;
        });
        return published[0];
    }

    private static double countedBy(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).counter("pmo.events.counted").count();
    }

    private static void kill(ConfigurableApplicationContext instance) {
        instance.getBean(MongoClient.class).close();
        instance.close();
    }

    private ConfigurableApplicationContext startSecondInstance() {
        String brokers = broker.getBrokersAsString();
        return new SpringApplicationBuilder(AnalyticsApplication.class, AbruptStop.class).run(
                "--server.port=0",
                "--spring.mongodb.uri=" + MONGO.uri(),
                // @EmbeddedKafka's system property would outrank a second broker inside the binder: set both.
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.cloud.stream.bindings.responses-in-0.consumer.concurrency=2",
                "--spring.cloud.stream.kafka.bindings.responses-in-0.consumer.configuration.max.poll.records=200",
                "--spring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms=6000",
                "--spring.cloud.stream.kafka.binder.consumer-properties.heartbeat.interval.ms=1000",
                "--pmo.analytics.catalogue-wait=2s",
                "--pmo.report-token.secret=" + REPORT_TOKEN_SECRET,
                "--spring.main.banner-mode=off");
    }

    /** Makes closing the instance a kill: its consumers are not waited for. */
    static class AbruptStop {

        @Bean
        ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> stopWithoutWaiting() {
            return (container, destination, group) -> container.getContainerProperties().setShutdownTimeout(1);
        }
    }
}
