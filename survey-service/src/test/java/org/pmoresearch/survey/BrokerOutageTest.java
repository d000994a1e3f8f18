package org.pmoresearch.survey;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.Topics;
import org.pmoresearch.survey.KafkaTestClients.ResponsesTopicReader;
import org.pmoresearch.survey.SurveyHttpClient.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real broker that goes away while responses are flowing, and comes back on the same log
 * directory: the service must answer 503 with Retry-After within 5 seconds while it is gone, and
 * every response it answered 202 must be on the topic.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "pmo.report-token.secret=broker-outage-test-report-token-secret")
@DirtiesContext
class BrokerOutageTest {

    private static final RestartableKafkaBroker BROKER = RestartableKafkaBroker.onFreePorts();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PROMISED_BOUND = Duration.ofSeconds(5);
    private static final String VALID_BODY = """
            {"catalogueVersion": 1, "selections": {"risk-management": ["risk-register"]}}""";

    @DynamicPropertySource
    static void brokerThatWillGoAway(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
        registry.add("spring.cloud.stream.kafka.binder.brokers", BROKER::bootstrapServers);
    }

    @BeforeAll
    static void brokerWithThePlatformsTopicsAndACatalogue() throws Exception {
        BROKER.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.CATALOGUE, 1, (short) 1),
                    new NewTopic(Topics.SURVEY_RESPONSES, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        KafkaTestClients.send(BROKER.bootstrapServers(), Topics.CATALOGUE, "1", JSON.writeValueAsBytes(TestCatalogues.version(1)));
    }

    @AfterAll
    static void removeBroker() throws Exception {
        BROKER.close();
    }

    @LocalServerPort
    int port;

    record Outcome(String responseId, boolean sentAfterBrokerStopped, int status, boolean retryAfter, Duration elapsed) {
    }

    @Test
    void whileTheBrokerIsGoneResponsesGet503WithinFiveSecondsAndEveryAcknowledgedResponseSurvivesIt() throws Exception {
        SurveyHttpClient api = new SurveyHttpClient(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/survey").status() == 200);
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean brokerStopped = new AtomicBoolean();
        AtomicBoolean keepSubmitting = new AtomicBoolean(true);
        ExecutorService respondents = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            respondents.submit(() -> {
                while (keepSubmitting.get()) {
                    outcomes.add(submit(api, brokerStopped.get()));
                }
                return null;
            });
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> accepted(outcomes).size() >= 20);
        BROKER.stop();
        brokerStopped.set(true);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> outcomes.stream().filter(Outcome::sentAfterBrokerStopped).count() >= 3);
        keepSubmitting.set(false);
        respondents.shutdown();
        assertThat(respondents.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(outcomes).extracting(Outcome::status).containsOnly(202, 503);
        assertThat(outcomes).filteredOn(Outcome::sentAfterBrokerStopped).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(503);
            assertThat(outcome.retryAfter()).isTrue();
            assertThat(outcome.elapsed()).isLessThan(PROMISED_BOUND);
        });

        BROKER.start();
        Set<String> onTheTopic;
        try (ResponsesTopicReader responses = new ResponsesTopicReader(BROKER.bootstrapServers())) {
            Map<TopicPartition, Long> beginning = responses.endOffsets().keySet().stream()
                    .collect(Collectors.toMap(Function.identity(), partition -> 0L));
            onTheTopic = responses.recordsSince(beginning).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        }
        assertThat(onTheTopic).containsAll(accepted(outcomes));
        await().atMost(Duration.ofSeconds(60)).until(() -> submit(api, false).status() == 202);
    }

    private static Set<String> accepted(Queue<Outcome> outcomes) {
        return outcomes.stream().filter(outcome -> outcome.status() == 202).map(Outcome::responseId).collect(Collectors.toSet());
    }

    private static Outcome submit(SurveyHttpClient api, boolean brokerStopped) throws Exception {
        String responseId = UUID.randomUUID().toString();
        long start = System.nanoTime();
        Response response = api.submit(responseId, VALID_BODY);
        return new Outcome(responseId, brokerStopped, response.status(), response.retryAfter().isPresent(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
