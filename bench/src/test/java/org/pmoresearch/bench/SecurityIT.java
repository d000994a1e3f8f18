package org.pmoresearch.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.pmoresearch.bench.EmbeddedPlatformProcess.Service;
import org.pmoresearch.contracts.Topics;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's security promises, checked against the running embedded platform: admin is closed, a response's own
 * data needs its own token, no client address reaches an answer, a log or a metric, and actuator shows only health
 * and prometheus.
 */
@Order(1)
class SecurityIT {

    /** A loopback source address no other test uses, and the TEST-NET ranges (RFC 5737, RFC 3849) in any notation. */
    private static final String SOURCE_ADDRESS = "127.0.0.77";
    private static final List<String> CLIENT_ADDRESSES = List.of(SOURCE_ADDRESS, "203.0.113.", "2001:db8:", "2001:0db8:");
    private static final List<String> ADDRESS_HEADERS = List.of(
            "X-Forwarded-For: 203.0.113.7, 2001:db8::7",
            "X-Real-IP: 203.0.113.8",
            "Forwarded: for=203.0.113.9;proto=http, for=\"[2001:db8::9]\"",
            "True-Client-IP: 203.0.113.7",
            "X-Client-IP: 2001:db8:0:0:0:0:0:7");
    private static final Set<String> EXPOSED_ACTUATOR_LINKS = Set.of("self", "health", "health-path", "prometheus");
    private static final List<String> CLOSED_ACTUATOR_ENDPOINTS = List.of("env", "beans", "configprops", "heapdump", "threaddump",
            "loggers", "metrics", "mappings", "info", "shutdown");

    private static PlatformUnderTest platform;
    private static Map<Service, String> baseUrls;
    private static HttpClient http;
    private static JsonNode survey;

    @BeforeAll
    static void platform() throws Exception {
        platform = SharedPlatform.get();
        baseUrls = HostileTargets.baseUrls(platform.urls());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (PlatformClient client = new PlatformClient(platform)) {
            survey = client.awaitSurvey(Duration.ofSeconds(120));
        }
    }

    @Test
    void everyAdminOperationRefusesAMissingOrWrongCredential() throws Exception {
        List<HostileTargets.Operation> operations = HostileTargets.adminOperations(http, baseUrls);
        assertThat(operations).as("admin operations found in the services' OpenAPI documents").isNotEmpty();
        assertThat(operations).extracting(HostileTargets.Operation::service).contains(Service.CATALOGUE, Service.ANALYTICS, Service.EXPORT);
        String password = platform.adminPassword().orElseThrow();

        SoftAssertions softly = new SoftAssertions();
        for (HostileTargets.Operation operation : operations) {
            softly.assertThat(send(operation, null).statusCode()).as("%s without a credential", operation).isEqualTo(401);
            softly.assertThat(send(operation, basic("admin", "wrong-" + password)).statusCode())
                    .as("%s with a wrong password", operation).isIn(401, 403);
            softly.assertThat(send(operation, basic("intruder", password)).statusCode())
                    .as("%s as an unknown user with the admin's password", operation).isIn(401, 403);
        }
        softly.assertAll();
        // The refusals mean something only if the right credential gets through.
        assertThat(send(new HostileTargets.Operation(Service.ANALYTICS, "GET", "/api/admin/responses?limit=1"), basic("admin", password))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aResponsesOwnDataNeedsItsOwnToken() throws Exception {
        Submitted mine = submit(validBody(1), List.of());
        Submitted another = submit(validBody(2), List.of());
        awaitCounted(mine);
        awaitCounted(another);

        SoftAssertions softly = new SoftAssertions();
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        for (String token : new String[] {null, forged, another.reportToken()}) {
            String which = token == null ? "no token" : token.equals(forged) ? "a forged token" : "another response's token";
            softly.assertThat(ownResponse(mine.responseId(), token).statusCode()).as("analytics own response with %s", which).isEqualTo(403);
            softly.assertThat(personalWorkbook(mine.responseId(), token).statusCode()).as("personal workbook with %s", which).isEqualTo(403);
            softly.assertThat(withdraw(mine.responseId(), token).statusCode()).as("withdrawal with %s", which).isEqualTo(403);
        }
        softly.assertAll();

        assertThat(ownResponse(mine.responseId(), mine.reportToken()).statusCode()).isEqualTo(200);
        assertThat(personalWorkbook(mine.responseId(), mine.reportToken()).statusCode()).isEqualTo(200);
        for (String path : List.of(platform.urls().analytics() + "/api/hotspots", platform.urls().analytics() + "/api/hotspots/segments/pmoType",
                platform.urls().survey() + "/api/survey", platform.urls().catalogue() + "/api/catalogue")) {
            assertThat(get(path).body()).as("GET %s", path).doesNotContain(mine.responseId().toString());
        }
    }

    @Test
    void noClientAddressReachesAnAnswerALogOrAMetric() throws Exception {
        EmbeddedPlatformProcess embedded = platform.embedded().orElseThrow();
        List<String> answers = new ArrayList<>();
        try (HostileHttp fromDistinctAddress = new HostileHttp(InetAddress.getByName(SOURCE_ADDRESS))) {
            UUID accepted = UUID.randomUUID();
            byte[] valid = validBody(3);
            answers.add(exchange(fromDistinctAddress, Service.SURVEY, "POST", "/api/responses", List.of("Content-Type: application/json",
                    "Idempotency-Key: " + accepted), valid, 202));
            answers.add(exchange(fromDistinctAddress, Service.SURVEY, "POST", "/api/responses", List.of("Content-Type: application/json",
                    "Idempotency-Key: " + UUID.randomUUID()), "{\"catalogueVersion\": 1, \"colour\": \"teal\"}".getBytes(StandardCharsets.UTF_8), 400));
            answers.add(exchange(fromDistinctAddress, Service.SURVEY, "POST", "/api/responses/" + accepted + "/withdraw",
                    List.of("X-Report-Token: wrong"), new byte[0], 403));
            answers.add(exchange(fromDistinctAddress, Service.SURVEY, "GET", "/survey/", List.of(), new byte[0], 200));
            answers.add(exchange(fromDistinctAddress, Service.ANALYTICS, "GET", "/api/hotspots", List.of(), new byte[0], 200));
            answers.add(exchange(fromDistinctAddress, Service.ANALYTICS, "GET", "/api/responses/" + accepted, List.of("X-Report-Token: wrong"),
                    new byte[0], 403));
            answers.add(exchange(fromDistinctAddress, Service.ANALYTICS, "GET", "/api/admin/responses", List.of(), new byte[0], 401));
            answers.add(exchange(fromDistinctAddress, Service.EXPORT, "GET", "/api/exports/responses/" + accepted + ".xlsx?token=wrong",
                    List.of(), new byte[0], 403));
            answers.add(exchange(fromDistinctAddress, Service.EXPORT, "GET", "/api/exports/responses.csv",
                    List.of("Authorization: " + basic("admin", "wrong")), new byte[0], 401));
            answers.add(exchange(fromDistinctAddress, Service.CATALOGUE, "GET", "/api/catalogue", List.of(), new byte[0], 200));
            answers.add(exchange(fromDistinctAddress, Service.CATALOGUE, "POST", "/api/admin/catalogue/publish",
                    List.of("Content-Type: application/json"), new byte[0], 401));
            answers.add(exchange(fromDistinctAddress, Service.CATALOGUE, "GET", "/no/such/page", List.of(), new byte[0], 404));
            awaitCounted(new Submitted(accepted, HostileRequests.tokenFor(accepted.toString(), platform.reportTokenSecret().orElseThrow())));
            answers.add(new String(ownResponse(accepted, HostileRequests.tokenFor(accepted.toString(),
                    platform.reportTokenSecret().orElseThrow())).body(), StandardCharsets.UTF_8));
            answers.add(eventOnTheTopic(accepted));
        }
        for (Service service : Service.values()) {
            answers.add(HostileInput.prometheus(http, baseUrls.get(service)));
        }

        SoftAssertions softly = new SoftAssertions();
        for (String address : CLIENT_ADDRESSES) {
            for (int i = 0; i < answers.size(); i++) {
                softly.assertThat(answers.get(i)).as("answer, event or metrics %d", i).doesNotContain(address);
            }
            try (Stream<Path> logs = Stream.concat(Files.list(embedded.dataDir().resolve("logs")),
                    Stream.of(embedded.dataDir().resolve("launcher.log")))) {
                for (Path log : logs.toList()) {
                    softly.assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as("log %s", log.getFileName()).doesNotContain(address);
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void actuatorExposesOnlyHealthAndPrometheus() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<Service, String> service : baseUrls.entrySet()) {
            HttpResponse<String> index = get(service.getValue() + "/actuator");
            if (index.statusCode() == 200) {
                Set<String> links = new java.util.TreeSet<>(PlatformClient.JSON.readTree(index.body()).path("_links").propertyNames());
                softly.assertThat(links).as("%s /actuator links", service.getKey().artifact()).isSubsetOf(EXPOSED_ACTUATOR_LINKS);
            } else {
                softly.assertThat(index.statusCode()).as("%s /actuator", service.getKey().artifact()).isIn(401, 403, 404);
            }
            softly.assertThat(get(service.getValue() + "/actuator/health").statusCode()).as("%s health", service.getKey().artifact()).isEqualTo(200);
            softly.assertThat(get(service.getValue() + "/actuator/prometheus").statusCode()).as("%s prometheus", service.getKey().artifact())
                    .isEqualTo(200);
            for (String endpoint : CLOSED_ACTUATOR_ENDPOINTS) {
                for (String method : List.of("GET", "POST")) {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(service.getValue() + "/actuator/" + endpoint))
                            .timeout(PlatformClient.REQUEST_TIMEOUT).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    softly.assertThat(answer.statusCode()).as("%s %s /actuator/%s", service.getKey().artifact(), method, endpoint)
                            .isNotIn(200, 201, 202, 203, 204, 205, 206);
                }
            }
        }
        softly.assertAll();
    }

    private record Submitted(UUID responseId, String reportToken) {
    }

    private static byte[] validBody(long seed) {
        ResponseGenerator generator = new ResponseGenerator(survey, seed);
        return generator.requestBody(generator.next());
    }

    private static Submitted submit(byte[] body, List<String> extraHeaders) throws IOException, InterruptedException {
        UUID responseId = UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.urls().survey() + "/api/responses"))
                .timeout(PlatformClient.REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", responseId.toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        extraHeaders.forEach(header -> request.header(header.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 1).trim()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return new Submitted(responseId, PlatformClient.JSON.readTree(response.body()).get("reportToken").asString());
    }

    private static void awaitCounted(Submitted response) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ownResponse(response.responseId(), response.reportToken()).statusCode() == 200);
    }

    private static HttpResponse<byte[]> ownResponse(UUID responseId, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.urls().analytics() + "/api/responses/" + responseId))
                .timeout(PlatformClient.REQUEST_TIMEOUT).GET();
        if (token != null) {
            request.header("X-Report-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> personalWorkbook(UUID responseId, String token) throws IOException, InterruptedException {
        String query = token == null ? "" : "?token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(platform.urls().export() + "/api/exports/responses/" + responseId + ".xlsx" + query))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> withdraw(UUID responseId, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.urls().survey() + "/api/responses/" + responseId + "/withdraw"))
                .timeout(PlatformClient.REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("X-Report-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PlatformClient.REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(HostileTargets.Operation operation, String authorization) throws IOException, InterruptedException {
        boolean writes = !operation.method().equals("GET") && !operation.method().equals("HEAD");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrls.get(operation.service()) + operation.path()))
                .timeout(PlatformClient.REQUEST_TIMEOUT)
                .method(operation.method(), writes ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (writes) {
            request.header("Content-Type", "application/json").header("If-Match", "\"1\"");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** One request from the distinctive source address with every client-address header; returns the whole answer. */
    private static String exchange(HostileHttp client, Service service, String method, String target, List<String> headers, byte[] body,
                                   int expectedStatus) throws InterruptedException {
        URI base = URI.create(baseUrls.get(service));
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), base.getPort());
        List<String> lines = new ArrayList<>(List.of("Host: localhost:" + base.getPort(), "Connection: close"));
        lines.addAll(ADDRESS_HEADERS);
        lines.addAll(headers);
        lines.add("Content-Length: " + body.length);
        HostileHttp.Answer answer = client.exchange(server, HostileHttp.head(method + " " + target + " HTTP/1.1", lines),
                HostileHttp.Body.of(body), false, PlatformClient.REQUEST_TIMEOUT);
        assertThat(answer.status()).as("%s %s %s: %s", service.artifact(), method, target, answer.outcome()).isEqualTo(expectedStatus);
        return answer.wholeText();
    }

    /** The record survey-service published for a response: key, headers and value as text. */
    private static String eventOnTheTopic(UUID responseId) {
        try (KafkaConsumer<byte[], byte[]> consumer = RawKafka.consumer(platform.bootstrapServers())) {
            List<TopicPartition> partitions = RawKafka.partitions(consumer, Topics.SURVEY_RESPONSES);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && new String(record.key(), StandardCharsets.UTF_8).equals(responseId.toString())) {
                        StringBuilder text = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
                        record.headers().forEach(header -> text.append('\n').append(header.key()).append(": ")
                                .append(new String(header.value(), StandardCharsets.UTF_8)));
                        return text.toString();
                    }
                }
            }
        }
        throw new AssertionError("The event of response " + responseId + " is not on " + Topics.SURVEY_RESPONSES);
    }
}
