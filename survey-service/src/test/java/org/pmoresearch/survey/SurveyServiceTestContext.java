package org.pmoresearch.survey;

import org.apache.kafka.clients.admin.NewTopic;
import org.pmoresearch.contracts.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The one Spring context with a real (embedded KRaft) broker that the HTTP and browser tests share:
 * the service as it ships, behind a trusted proxy on the loopback address (so that a test can
 * present any client address with X-Forwarded-For), linking to stubs of analytics and export.
 * The default rate-limit arithmetic (600 a minute) is checked on a simulated clock in ClientRateLimiterTest.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "pmo.report-token.secret=" + SurveyServiceTestContext.SECRET,
        "pmo.rate-limit.trusted-proxies=127.0.0.1/32,::1/128",
        // The default burst, but a slow refill: a test's flood must outpace it however slowly this machine answers.
        "pmo.rate-limit.per-minute=60"})
@EmbeddedKafka(topics = Topics.CATALOGUE, partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(SurveyServiceTestContext.ResponsesTopicWithThreePartitions.class)
abstract class SurveyServiceTestContext {

    static final String SECRET = "integration-test-report-token-secret";
    static final OtherServicesStub OTHER_SERVICES = OtherServicesStub.start(SECRET);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void publicUrlsOfTheOtherServices(DynamicPropertyRegistry registry) {
        registry.add("pmo.public-urls.analytics", OTHER_SERVICES::baseUrl);
        registry.add("pmo.public-urls.export", OTHER_SERVICES::baseUrl);
    }

    /** Created by the application's KafkaAdmin before the bindings start; @EmbeddedKafka gives all its topics one partition count. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ResponsesTopicWithThreePartitions {

        @Bean
        NewTopic surveyResponsesTopic() {
            return TopicBuilder.name(Topics.SURVEY_RESPONSES).partitions(3).replicas(1).build();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    /** Publishes catalogue version 1 (versions are immutable, so publishing it again changes nothing) and waits for the survey. */
    void catalogueVersionOneIsPublished() throws Exception {
        KafkaTestClients.send(broker.getBrokersAsString(), Topics.CATALOGUE, "1", JSON.writeValueAsBytes(TestCatalogues.version(1)));
        SurveyHttpClient api = new SurveyHttpClient(port);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/survey").status() == 200);
    }
}
