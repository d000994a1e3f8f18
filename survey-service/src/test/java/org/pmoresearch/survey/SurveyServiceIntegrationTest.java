package org.pmoresearch.survey;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.contracts.SurveyResponseWithdrawn;
import org.pmoresearch.contracts.Topics;
import org.pmoresearch.survey.KafkaTestClients.ResponsesTopicReader;
import org.pmoresearch.survey.SurveyHttpClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The service over HTTP with a real broker: what a respondent's browser, a retrying client and a
 * hostile one see, and what ends up on the responses topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SurveyServiceIntegrationTest extends SurveyServiceTestContext {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VALID_BODY = """
            {"catalogueVersion": 1, "selections": {"secretariat": ["minutes"]}}""";
    private static final String FULL_BODY = """
            {"catalogueVersion": 1,
             "profile": {"pmoType": "enterprise", "role": "pmo-manager", "region": "europe", "employment": null},
             "selections": {"risk-management": ["risk-register", "risk-workshops"], "benefits-management": []},
             "otherServices": "Benefits coaching"}""";
    private static final AtomicInteger CLIENT_NUMBER = new AtomicInteger();

    @Autowired
    MeterRegistry meterRegistry;

    private SurveyHttpClient api;
    private ResponsesTopicReader responses;

    @BeforeAll
    void catalogueVersionOneIsPublishedAfterAPoisonRecord() throws Exception {
        responses = new ResponsesTopicReader(broker.getBrokersAsString());
        KafkaTestClients.send(broker.getBrokersAsString(), Topics.CATALOGUE, "0", "{not json".getBytes(StandardCharsets.UTF_8));
        catalogueVersionOneIsPublished();
    }

    /** Each test is a client of its own, coming through the trusted proxy, so that no test spends another's rate limit. */
    @BeforeEach
    void aClientOfItsOwn() {
        api = new SurveyHttpClient(port).forwardedFor(nextClientAddress());
    }

    @AfterAll
    void closeReader() {
        responses.close();
    }

    @Test
    void surveyShowsTheCurrentCatalogueWithTheProfileQuestions() throws Exception {
        Response response = api.get("/api/survey");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).hasValue("application/json");
        JsonNode survey = response.json();
        assertThat(survey.get("version").intValue()).isEqualTo(1);
        assertThat(survey.get("publishedAt").stringValue()).isEqualTo("2026-11-01T10:15:30Z");
        assertThat(survey.get("groups")).hasSize(2);
        JsonNode firstArea = survey.get("groups").get(0).get("areas").get(0);
        assertThat(firstArea.get("id").stringValue()).isEqualTo("portfolio-reporting");
        assertThat(firstArea.get("name").stringValue()).isEqualTo("Portfolio analysis & reporting");
        assertThat(firstArea.get("tasks").get(0).get("id").stringValue()).isEqualTo("consolidated-dashboard");
        JsonNode firstQuestion = survey.get("profileQuestions").get(0);
        assertThat(firstQuestion.get("id").stringValue()).isEqualTo("pmoType");
        assertThat(firstQuestion.get("options").get(0).get("value").stringValue()).isEqualTo("enterprise");
        assertThat(survey.get("profileQuestions")).hasSize(RespondentProfile.class.getRecordComponents().length);
    }

    @Test
    void surveyLinksToTheOtherServicesPublicUrlsAndSaysItIsOpen() throws Exception {
        JsonNode survey = api.get("/api/survey").json();

        JsonNode links = survey.get("links");
        assertThat(links.get("dashboard").stringValue()).isEqualTo(OTHER_SERVICES.baseUrl() + "/dashboard");
        assertThat(links.get("hotspots").stringValue()).isEqualTo(OTHER_SERVICES.baseUrl() + "/api/hotspots");
        assertThat(links.get("personalWorkbookTemplate").stringValue())
                .isEqualTo(OTHER_SERVICES.baseUrl() + "/api/exports/responses/{responseId}.xlsx?token={token}");
        assertThat(survey.get("survey").get("open").booleanValue()).isTrue();
        assertThat(survey.get("survey").get("closesAt").isNull()).isTrue();
    }

    @Test
    void theRootAndTheBarePathRedirectToTheSurveyPage() throws Exception {
        assertThat(List.of(api.get("/"), api.get("/survey"))).allSatisfy(redirect -> {
            assertThat(redirect.status()).isEqualTo(302);
            assertThat(redirect.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/survey/"));
        });
    }

    @Test
    void theSurveyPageIsServedWithAPolicyThatAllowsOnlyItsOwnScriptsAndAnalyticsFigures() throws Exception {
        Response page = api.get("/survey/");
        Response script = api.get("/survey/survey.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"survey.js\"></script>");
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("script-src 'self'")
                .contains("connect-src 'self' " + OTHER_SERVICES.baseUrl())
                .contains("frame-ancestors 'none'"));
        assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    }

    @Test
    void theOpenApiDocumentDescribesTheSurveyAndResponseEndpoints() throws Exception {
        Response apiDocs = api.get("/v3/api-docs");

        assertThat(apiDocs.status()).isEqualTo(200);
        JsonNode paths = apiDocs.json().get("paths");
        assertThat(paths.has("/api/survey")).isTrue();
        assertThat(paths.get("/api/responses").get("post").get("responses").has("429")).isTrue();
        assertThat(paths.has("/api/responses/{responseId}/withdraw")).isTrue();
    }

    @Test
    void anAcceptedResponseIsAlreadyOnTheTopicKeyedByItsIdWhenThe202Arrives() throws Exception {
        String responseId = UUID.randomUUID().toString();
        Map<TopicPartition, Long> before = responses.endOffsets();
        double acceptedBefore = meterRegistry.counter("pmo.responses.accepted").count();
        Instant sentAt = Instant.now();

        Response response = api.submit(responseId, FULL_BODY);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("responseId").stringValue()).isEqualTo(responseId);
        assertThat(response.json().get("reportToken").stringValue()).isEqualTo(expectedReportToken(responseId));
        // Offsets read after the 202: acks=all means an acknowledged record is already below the end offset.
        List<ConsumerRecord<String, byte[]>> published = responses.recordsSince(before);
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(responseId);
            assertThat(eventType(record)).isEqualTo("SurveyResponseSubmitted");
            assertThat(record.headers().lastHeader("contentType")).as("contentType header").isNotNull()
                    .satisfies(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8)).contains("application/json"));
            assertThat(EventSchemas.violations(SurveyResponseSubmitted.class, record.value())).isEmpty();
            assertThat(JSON.readTree(record.value()).get("submittedAt").isString()).isTrue();
            SurveyResponseSubmitted event = JSON.readValue(record.value(), SurveyResponseSubmitted.class);
            assertThat(event.schemaVersion()).isEqualTo(SurveyResponseSubmitted.SCHEMA_VERSION);
            assertThat(event.eventId()).isNotNull();
            assertThat(event.responseId()).isEqualTo(UUID.fromString(responseId));
            assertThat(event.submittedAt()).isBetween(sentAt.minusSeconds(1), Instant.now());
            assertThat(event.catalogueVersion()).isEqualTo(1);
            assertThat(event.profile()).isEqualTo(
                    new RespondentProfile("enterprise", "pmo-manager", null, "europe", null, null, null, null));
            assertThat(event.selections()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "risk-management", List.of("risk-register", "risk-workshops"), "benefits-management", List.of()));
            assertThat(event.selections().keySet()).as("areas in the order sent")
                    .containsExactly("risk-management", "benefits-management");
            assertThat(event.otherServices()).isEqualTo("Benefits coaching");
        });
        assertThat(meterRegistry.counter("pmo.responses.accepted").count()).isEqualTo(acceptedBefore + 1);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameReceiptAndCarriesTheSameResponseIdForConsumersToDeduplicate()
            throws Exception {
        String responseId = UUID.randomUUID().toString();
        Map<TopicPartition, Long> before = responses.endOffsets();

        Response first = api.submit(responseId, VALID_BODY);
        Response retry = api.submit(responseId, VALID_BODY);

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        List<ConsumerRecord<String, byte[]>> published = responses.recordsSince(before);
        assertThat(published).hasSize(2).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(responseId);
            assertThat(JSON.readValue(record.value(), SurveyResponseSubmitted.class).responseId())
                    .isEqualTo(UUID.fromString(responseId));
        });
        assertThat(published).extracting(ConsumerRecord::partition).as("one partition, so order is kept").containsOnly(
                published.get(0).partition());
    }

    @Test
    void everyHostileBodyGetsA4xxProblemAndNoneIsPublished() throws Exception {
        Map<TopicPartition, Long> before = responses.endOffsets();
        SoftAssertions softly = new SoftAssertions();

        for (HostileBodies.HostileBody hostile : HostileBodies.all()) {
            Response response = api.submit(UUID.randomUUID().toString(), "application/json", "*/*", hostile.content());

            softly.assertThat(response.status()).as(hostile.description()).isEqualTo(hostile.status());
            softly.assertThat(response.contentType()).as(hostile.description()).hasValue("application/problem+json");
            softly.assertThat(response.json().get("errors")).as(hostile.description()).isNotEmpty();
        }

        softly.assertAll();
        assertOnlyASentinelIsPublishedSince(before);
    }

    @Test
    void aClientOverTheRateLimitGets429WithRetryAfterOnBothPostsWhileOtherClientsAndReadsAreUnaffected() throws Exception {
        String address = "203.0.113.50";
        SurveyHttpClient flooding = new SurveyHttpClient(port).forwardedFor(address);
        double rateLimitedBefore = meterRegistry.counter("pmo.responses.rejected", "reason", "rate-limited").count();

        Map<String, Response> firstRefusal = new HashMap<>();
        List<Integer> letThrough = new ArrayList<>();
        for (int sent = 0; firstRefusal.size() < 2 && sent < 1000; sent++) {
            String endpoint = sent % 2 == 0 ? "submit" : "withdraw";
            Response answer = endpoint.equals("submit")
                    ? flooding.submit(UUID.randomUUID().toString(), "{}")
                    : flooding.withdraw(UUID.randomUUID().toString(), "not-the-token");
            if (answer.status() == 429) {
                firstRefusal.putIfAbsent(endpoint, answer);
            }
            else if (firstRefusal.isEmpty()) {
                letThrough.add(answer.status());
            }
        }

        assertThat(letThrough).as("the burst let through before the first 429").hasSizeGreaterThanOrEqualTo(100)
                .containsOnly(400, 403);
        assertThat(firstRefusal).containsOnlyKeys("submit", "withdraw");
        Response refused = firstRefusal.get("submit");
        assertThat(refused.contentType()).hasValue("application/problem+json");
        assertThat(refused.retryAfter()).hasValue("1");
        JsonNode problem = refused.json();
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:pmoresearch:problem:rate-limited");
        assertThat(problem.get("status").intValue()).isEqualTo(429);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("detail").stringValue()).isNotBlank();
        assertThat(problem.get("errors").isArray()).isTrue();
        assertThat(refused.body()).doesNotContain(address);
        assertThat(meterRegistry.counter("pmo.responses.rejected", "reason", "rate-limited").count())
                .isGreaterThanOrEqualTo(rateLimitedBefore + 2);
        assertThat(flooding.get("/api/survey").status()).isEqualTo(200);
        assertThat(new SurveyHttpClient(port).forwardedFor("203.0.113.51").submit(UUID.randomUUID().toString(), VALID_BODY)
                .status()).isEqualTo(202);
    }

    @Test
    void noClientAddressAppearsInTheLogsResponsesOrMetricsOfARequestCycle(CapturedOutput output) throws Exception {
        SurveyHttpClient direct = SurveyHttpClient.at("http://127.0.0.1:" + port);
        SurveyHttpClient proxied = direct.forwardedFor("198.51.100.23");
        String responseId = UUID.randomUUID().toString();
        List<Response> answers = new ArrayList<>();

        answers.add(direct.get("/api/survey"));
        answers.add(direct.submit(responseId, VALID_BODY));
        answers.add(direct.submit(UUID.randomUUID().toString(), "{\"catalogueVersion\": 1, \"selections\": {\"astrology\": []}}"));
        answers.add(direct.submit(UUID.randomUUID().toString(), "{\"otherServices\": \"" + "x".repeat(70_000) + "\"}"));
        answers.add(proxied.withdraw(responseId, "not-the-token"));
        answers.add(proxied.withdraw(responseId, answers.get(1).json().get("reportToken").stringValue()));
        answers.add(direct.get("/actuator/prometheus"));

        assertThat(answers).extracting(Response::status).containsExactly(200, 202, 400, 413, 403, 202, 200);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.body()).doesNotContain("127.0.0.1", "198.51.100.23");
            assertThat(answer.headers().map().toString()).doesNotContain("127.0.0.1", "198.51.100.23");
        });
        assertThat(output.getAll()).doesNotContain("127.0.0.1", "198.51.100.23");
    }

    @Test
    void responsesAreSpreadOverTheThreePartitionsOfTheTopic() {
        assertThat(responses.partitionCount()).isEqualTo(3);
    }

    Stream<Arguments> badRequests() {
        String key = UUID.randomUUID().toString();
        return Stream.of(
                arguments("malformed JSON", key, "{\"catalogueVersion\": 1, \"selections\": {", "$"),
                arguments("repeated JSON member", key, """
                        {"catalogueVersion": 1, "catalogueVersion": 2, "selections": {"secretariat": []}}""", "$"),
                arguments("missing Idempotency-Key", null, VALID_BODY, "Idempotency-Key"),
                arguments("malformed Idempotency-Key", "12345", VALID_BODY, "Idempotency-Key"),
                arguments("unknown area", key, """
                        {"catalogueVersion": 1, "selections": {"astrology": []}}""", "selections.astrology"),
                arguments("task under another area", key, """
                        {"catalogueVersion": 1, "selections": {"secretariat": ["risk-register"]}}""",
                        "selections.secretariat[0]"),
                arguments("unknown catalogue version", key, """
                        {"catalogueVersion": 7, "selections": {"secretariat": []}}""", "catalogueVersion"),
                arguments("catalogue version of the wrong type", key, """
                        {"catalogueVersion": "abc", "selections": {"secretariat": []}}""", "catalogueVersion"),
                arguments("selections as an array", key, """
                        {"catalogueVersion": 1, "selections": ["secretariat"]}""", "selections"),
                arguments("unknown field", key, """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "favouriteColour": "teal"}""",
                        "favouriteColour"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestGetsProblemDetailsNamingTheFieldAndPublishesNothing(String description, String idempotencyKey,
            String body, String expectedField) throws Exception {
        Map<TopicPartition, Long> before = responses.endOffsets();

        Response response = api.submit(idempotencyKey, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).hasValue("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").intValue()).isEqualTo(400);
        assertThat(problem.get("type").stringValue()).startsWith("urn:pmoresearch:problem:");
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("detail").stringValue()).isNotBlank();
        assertThat(problem.get("errors").valueStream().map(error -> error.get("field").stringValue()))
                .contains(expectedField);
        assertThat(problem.get("errors").valueStream().map(error -> error.get("reason").stringValue()))
                .allSatisfy(reason -> assertThat(reason).isNotBlank());
        assertOnlyASentinelIsPublishedSince(before);
    }

    Stream<Arguments> oddRequests() {
        byte[] invalidUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        byte[] deeplyNested = ("{\"catalogueVersion\": 1, \"selections\": {\"secretariat\": " + "[".repeat(5000))
                .getBytes(StandardCharsets.UTF_8);
        byte[] valid = VALID_BODY.getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                arguments("a body that is not JSON", "text/plain", "*/*", valid, 415),
                arguments("a multipart body without a boundary", "multipart/form-data", "*/*", valid, 415),
                arguments("a malformed multipart body", "multipart/form-data; boundary=x", "*/*", valid, 415),
                arguments("invalid UTF-8", "application/json", "*/*", invalidUtf8, 400),
                arguments("nesting deeper than the parser allows", "application/json", "*/*", deeplyNested, 400),
                arguments("an empty body", "application/json", "*/*", new byte[0], 400),
                arguments("a browser that prefers HTML", "application/json", "text/html", "{".getBytes(StandardCharsets.UTF_8), 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddRequests")
    void oddRequestsGetA4xxProblemAndPublishNothing(String description, String contentType, String accept, byte[] body,
            int expectedStatus) throws Exception {
        Map<TopicPartition, Long> before = responses.endOffsets();

        Response response = api.submit(UUID.randomUUID().toString(), contentType, accept, body);

        assertThat(response.status()).isEqualTo(expectedStatus);
        assertThat(response.contentType()).hasValue("application/problem+json");
        assertOnlyASentinelIsPublishedSince(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void aMalformedFormBodyIsAClientErrorWhateverTheMethod(String method) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/survey"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString("a=%zz&%=1"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aReadThatClaimsAMultipartBodyIsServedLikeAnyOtherRead() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/survey"))
                .header("Content-Type", "multipart/form-data")
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOver64KilobytesIsRejectedWith413AndPublishesNothing() throws Exception {
        Map<TopicPartition, Long> before = responses.endOffsets();
        String oversized = """
                {"catalogueVersion": 1, "selections": {"secretariat": []}, "otherServices": "%s"}"""
                .formatted("x".repeat(70 * 1024));

        Response response = api.submit(UUID.randomUUID().toString(), oversized);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).hasValue("application/problem+json");
        assertThat(response.json().get("type").stringValue()).isEqualTo("urn:pmoresearch:problem:too-large");
        assertOnlyASentinelIsPublishedSince(before);
    }

    @Test
    void withdrawingWithTheReportTokenPublishesSurveyResponseWithdrawn() throws Exception {
        String responseId = UUID.randomUUID().toString();
        String reportToken = api.submit(responseId, VALID_BODY).json().get("reportToken").stringValue();
        Map<TopicPartition, Long> before = responses.endOffsets();

        Response response = api.withdraw(responseId, reportToken);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("responseId").stringValue()).isEqualTo(responseId);
        assertThat(response.json().get("withdrawn").booleanValue()).isTrue();
        assertThat(responses.recordsSince(before)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(responseId);
            assertThat(eventType(record)).isEqualTo("SurveyResponseWithdrawn");
            assertThat(EventSchemas.violations(SurveyResponseWithdrawn.class, record.value())).isEmpty();
            SurveyResponseWithdrawn event = JSON.readValue(record.value(), SurveyResponseWithdrawn.class);
            assertThat(event.responseId()).isEqualTo(UUID.fromString(responseId));
            assertThat(event.schemaVersion()).isEqualTo(SurveyResponseWithdrawn.SCHEMA_VERSION);
            assertThat(event.eventId()).isNotNull();
            assertThat(event.withdrawnAt()).isNotNull();
        });
    }

    @Test
    void withdrawingWithAWrongOrMissingTokenIsForbiddenAndPublishesNothing() throws Exception {
        String responseId = UUID.randomUUID().toString();
        String otherResponsesToken = expectedReportToken(UUID.randomUUID().toString());
        Map<TopicPartition, Long> before = responses.endOffsets();

        Response wrongToken = api.withdraw(responseId, otherResponsesToken);
        Response missingToken = api.withdraw(responseId, null);

        assertThat(List.of(wrongToken, missingToken)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.contentType()).hasValue("application/problem+json");
            assertThat(response.json().get("type").stringValue()).isEqualTo("urn:pmoresearch:problem:forbidden");
        });
        assertOnlyASentinelIsPublishedSince(before);
    }

    @Test
    void withdrawingANonUuidIsABadRequest() throws Exception {
        Response response = api.withdraw("not-a-uuid", "whatever");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).hasValue("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").stringValue()).isEqualTo("responseId");
    }

    @Test
    void actuatorExposesHealthAndPrometheusWithTheResponseMetricsOnly() throws Exception {
        api.submit(UUID.randomUUID().toString(), VALID_BODY);

        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/env").status()).isEqualTo(404);
        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("pmo_responses_accepted_total{application=\"survey-service\"}")
                .contains("pmo_responses_withdrawn_total{application=\"survey-service\"}")
                .contains("pmo_responses_rejected_total{application=\"survey-service\",reason=\"broker-unavailable\"}")
                .contains("pmo_responses_rejected_total{application=\"survey-service\",reason=\"rate-limited\"}")
                .contains("pmo_responses_rejected_total{application=\"survey-service\",reason=\"survey-closed\"}")
                .contains("pmo_rate_limit_tracked_addresses{application=\"survey-service\"}")
                .contains("pmo_responses_publish_seconds_count{application=\"survey-service\",event=\"SurveyResponseSubmitted\",outcome=\"acknowledged\"}");
    }

    private static String nextClientAddress() {
        int client = CLIENT_NUMBER.incrementAndGet();
        return "198.18." + client / 256 + "." + client % 256;
    }

    private void assertOnlyASentinelIsPublishedSince(Map<TopicPartition, Long> before) throws Exception {
        String sentinel = UUID.randomUUID().toString();
        assertThat(api.submit(sentinel, VALID_BODY).status()).isEqualTo(202);
        assertThat(responses.recordsSince(before)).extracting(ConsumerRecord::key).containsExactly(sentinel);
    }

    private static String eventType(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(), StandardCharsets.UTF_8);
    }

    private static String expectedReportToken(String responseId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(responseId.getBytes(StandardCharsets.UTF_8)));
    }
}
