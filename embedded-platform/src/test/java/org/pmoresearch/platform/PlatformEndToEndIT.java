package org.pmoresearch.platform;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.pmoresearch.platform.PlatformSettings.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform as a user runs it: the launcher starts a real Kafka broker and the MongoDB-wire
 * store, then the four services from their own jars; everything is checked through the public HTTP APIs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndIT {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int RESPONSES = 50;
    /** Where the test's "browsers" reach the services: another name for this machine than the services use. */
    private static final String PUBLIC_HOST = "127.0.0.1";

    /** Kept, with the services' logs, when a test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    private static PlatformSettings settings;
    private static EmbeddedPlatform platform;
    /** What the test itself expects to be counted: area id → count, and "area/task" → count. */
    private static final Map<String, Integer> expectedAreas = new HashMap<>();
    private static final Map<String, Integer> expectedTasks = new HashMap<>();
    private static int expectedTotal;
    /** The first response sent, and the token its receipt carried, for the completion page's links. */
    private static String firstResponseId;
    private static String firstReportToken;

    @BeforeAll
    static void startPlatform() throws Exception {
        int[] free = ListenPorts.free(3 + Service.values().length);
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, free[3 + service.ordinal()]);
        }
        PlatformSettings defaults = PlatformSettings.defaults();
        settings = new PlatformSettings(dataDir, Path.of(System.getProperty("platform.root", "..")), "localhost",
                PUBLIC_HOST,
                free[0], free[1], free[2], Map.copyOf(ports), 6, defaults.serviceJvmOptions(),
                defaults.storeJvmOptions(), defaults.classDataSharing());
        platform = EmbeddedPlatform.start(settings);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void catalogueIsSeededPublishedAndSeenByTheSurvey() throws Exception {
        JsonNode catalogue = await().atMost(Duration.ofSeconds(60)).until(
                () -> getJson(Service.CATALOGUE, "/api/catalogue"), json -> json != null);
        assertThat(catalogue.get("version").asInt()).isEqualTo(1);
        assertThat(catalogue.get("groups")).hasSize(4);
        assertThat(areasOf(catalogue)).hasSize(31);
        assertThat(getJson(Service.CATALOGUE, "/api/catalogue/versions/1")).isEqualTo(catalogue);

        JsonNode survey = await().atMost(Duration.ofSeconds(60)).until(
                () -> getJson(Service.SURVEY, "/api/survey"), json -> json != null && json.get("version").asInt() == 1);
        assertThat(survey.get("groups")).isEqualTo(catalogue.get("groups"));
        assertThat(survey.get("profileQuestions")).isNotEmpty();
    }

    @Test
    @Order(2)
    void fiftyResponsesAreCountedExactlyOnceAndFillTheWorkbook() throws Exception {
        JsonNode survey = getJson(Service.SURVEY, "/api/survey");
        List<JsonNode> areas = areasOf(survey);
        ObjectNode firstBody = null;
        for (int i = 0; i < RESPONSES; i++) {
            ObjectNode body = responseBody(areas, i);
            String key = UUID.randomUUID().toString();
            HttpResponse<String> accepted = post(Service.SURVEY, "/api/responses", key, body.toString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            JsonNode answer = JSON.readTree(accepted.body());
            assertThat(answer.get("responseId").asString()).isEqualTo(key);
            assertThat(answer.get("reportToken").asString()).isNotBlank();
            remember(body);
            if (i == 0) {
                firstResponseId = key;
                firstReportToken = answer.get("reportToken").asString();
                firstBody = body;
            }
        }
        HttpResponse<String> retry = post(Service.SURVEY, "/api/responses", firstResponseId, firstBody.toString());
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(retry.body()).get("reportToken").asString()).isEqualTo(firstReportToken);

        HttpResponse<String> unknownArea = post(Service.SURVEY, "/api/responses", UUID.randomUUID().toString(),
                "{\"catalogueVersion\":1,\"selections\":{\"astrology\":[]}}");
        assertThat(unknownArea.statusCode()).isEqualTo(400);
        assertThat(unknownArea.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(unknownArea.body()).contains("selections.astrology");

        JsonNode hotspots = awaitTotal(RESPONSES);
        assertCountsMatchExpectations(hotspots);
        assertWorkbookMatches(hotspots);
    }

    @Test
    @Order(3)
    void everyMetricTheAlertsAndTheDashboardNameIsServed() throws Exception {
        Set<String> named = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b(pmo_[a-z0-9_]+|http_server_requests_seconds_[a-z]+|jvm_[a-z0-9_]+)\\b");
        for (Path file : List.of(settings.servicesDir().resolve("deploy/prometheus/alerts.yml"),
                settings.servicesDir().resolve("deploy/grafana/dashboards/pmo-platform.json"))) {
            Matcher matcher = metric.matcher(Files.readString(file));
            while (matcher.find()) {
                named.add(matcher.group(1));
            }
        }
        assertThat(named).isNotEmpty();
        Set<String> served = new TreeSet<>();
        for (Service service : Service.values()) {
            HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(
                    URI.create(settings.baseUrl(service) + "/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            scrape.body().lines().filter(line -> !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(served::add);
            assertThat(scrape.body()).as("common application tag").contains("application=\"" + service.artifact() + "\"");
            // Off in every service: the binder's lag task can deadlock its close (see the services' application.yml).
            assertThat(scrape.body()).as(service.artifact()).doesNotContain("spring_cloud_stream_binder_kafka_offset");
        }
        assertThat(served).containsAll(named);
    }

    @Test
    @Order(4)
    void aRestartKeepsTheCatalogueTheResponsesAndTheCounts() throws Exception {
        platform.close();
        assertThat(isListening(settings.servicePorts().get(Service.SURVEY))).isFalse();
        assertThat(isListening(settings.kafkaPort())).isFalse();
        assertThat(isListening(settings.mongoPort())).isFalse();

        platform = EmbeddedPlatform.start(settings);

        JsonNode catalogue = getJson(Service.CATALOGUE, "/api/catalogue");
        assertThat(catalogue.get("version").asInt()).as("no second version is seeded on restart").isEqualTo(1);
        assertCountsMatchExpectations(awaitTotal(RESPONSES));

        JsonNode survey = await().atMost(Duration.ofSeconds(60)).until(
                () -> getJson(Service.SURVEY, "/api/survey"), json -> json != null);
        ObjectNode body = responseBody(areasOf(survey), RESPONSES);
        assertThat(post(Service.SURVEY, "/api/responses", UUID.randomUUID().toString(), body.toString()).statusCode())
                .isEqualTo(202);
        remember(body);
        assertCountsMatchExpectations(awaitTotal(RESPONSES + 1));
    }

    /** A deterministic, varied response: response i selects areas whose index is a multiple of (i % 4) + 1. */
    private static ObjectNode responseBody(List<JsonNode> areas, int i) {
        ObjectNode body = JSON.createObjectNode();
        body.put("catalogueVersion", 1);
        ObjectNode profile = body.putObject("profile");
        profile.put("pmoType", i % 2 == 0 ? "enterprise" : "programme-project");
        ObjectNode selections = body.putObject("selections");
        int step = (i % 4) + 1;
        for (int a = 0; a < areas.size(); a += step) {
            JsonNode area = areas.get(a);
            var tasks = selections.putArray(area.get("id").asString());
            JsonNode areaTasks = area.get("tasks");
            for (int t = 0; t < areaTasks.size(); t++) {
                if ((t + i) % 2 == 0) {
                    tasks.add(areaTasks.get(t).get("id").asString());
                }
            }
        }
        body.put("otherServices", "Response " + i);
        return body;
    }

    @Test
    @Order(5)
    void thePagesLinkToThePublicHostAndTheDashboardShowsTheSurveyThereAsAQrCode() throws Exception {
        String surveyPage = settings.publicUrl(Service.SURVEY) + "/survey/";
        assertThat(surveyPage).startsWith("http://" + PUBLIC_HOST + ":");

        JsonNode dashboard = getJson(Service.ANALYTICS, "/dashboard/config.json");
        assertThat(dashboard.get("links").get("survey").asString()).isEqualTo(surveyPage);
        assertThat(dashboard.get("join").get("url").asString()).isEqualTo(surveyPage);

        HttpResponse<String> code = HTTP.send(HttpRequest.newBuilder(
                        URI.create(settings.publicUrl(Service.ANALYTICS) + dashboard.get("join").get("qrCode").asString()))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(code.statusCode()).isEqualTo(200);
        assertThat(code.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(code.body()).contains("<title>QR code of " + surveyPage + "</title>");

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(surveyPage))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("connect-src 'self' " + settings.publicUrl(Service.ANALYTICS)));
    }

    /** What the completion page does with the links the survey gives it: compare, and download the personal copy. */
    @Test
    @Order(6)
    void theCompletionPagesLinksReachTheHotspotsAndTheRespondentsOwnWorkbook() throws Exception {
        JsonNode links = getJson(Service.SURVEY, "/api/survey").get("links");
        String analytics = settings.publicUrl(Service.ANALYTICS);
        assertThat(links.get("dashboard").asString()).isEqualTo(analytics + "/dashboard");
        assertThat(links.get("hotspots").asString()).isEqualTo(analytics + "/api/hotspots");

        String surveyOrigin = settings.publicUrl(Service.SURVEY);
        HttpResponse<String> hotspots = HTTP.send(HttpRequest.newBuilder(URI.create(links.get("hotspots").asString()))
                .header("Origin", surveyOrigin).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hotspots.statusCode()).isEqualTo(200);
        assertThat(hotspots.headers().firstValue("Access-Control-Allow-Origin")).hasValue(surveyOrigin);
        assertThat(JSON.readTree(hotspots.body()).get("totalResponses").asInt()).isEqualTo(expectedTotal);

        String workbook = links.get("personalWorkbookTemplate").asString()
                .replace("{responseId}", URLEncoder.encode(firstResponseId, StandardCharsets.UTF_8))
                .replace("{token}", URLEncoder.encode(firstReportToken, StandardCharsets.UTF_8));
        assertThat(workbook).startsWith(settings.publicUrl(Service.EXPORT) + "/");
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(workbook))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        try (XSSFWorkbook personal = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            assertThat(personal.getNumberOfSheets()).isGreaterThan(1);
        }
    }

    private static void remember(ObjectNode body) {
        expectedTotal++;
        body.get("selections").properties().forEach(entry -> {
            expectedAreas.merge(entry.getKey(), 1, Integer::sum);
            entry.getValue().forEach(task -> expectedTasks.merge(entry.getKey() + "/" + task.asString(), 1, Integer::sum));
        });
    }

    private static void assertCountsMatchExpectations(JsonNode hotspots) {
        assertThat(hotspots.get("totalResponses").asInt()).isEqualTo(expectedTotal);
        Map<String, Integer> areaCounts = new HashMap<>();
        Map<String, Integer> taskCounts = new HashMap<>();
        for (JsonNode area : hotspots.get("areas")) {
            String areaId = area.get("id").asString();
            areaCounts.put(areaId, area.get("count").asInt());
            double expectedShare = Math.round(1000.0 * area.get("count").asInt() / expectedTotal) / 10.0;
            assertThat(area.get("percentage").asDouble()).isEqualTo(expectedShare);
            for (JsonNode task : area.get("tasks")) {
                taskCounts.put(areaId + "/" + task.get("id").asString(), task.get("count").asInt());
            }
        }
        expectedAreas.forEach((area, count) -> assertThat(areaCounts.get(area)).as("area %s", area).isEqualTo(count));
        expectedTasks.forEach((task, count) -> assertThat(taskCounts.get(task)).as("task %s", task).isEqualTo(count));
        areaCounts.forEach((area, count) -> assertThat(count).as("area %s", area).isEqualTo(expectedAreas.getOrDefault(area, 0)));
        taskCounts.forEach((task, count) -> assertThat(count).as("task %s", task).isEqualTo(expectedTasks.getOrDefault(task, 0)));
    }

    private static void assertWorkbookMatches(JsonNode hotspots) throws Exception {
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(
                        URI.create(settings.baseUrl(Service.EXPORT) + "/api/exports/pmo-services.xlsx")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            Sheet services = workbook.getSheet("Services & tasks");
            assertThat(services).isNotNull();
            assertThat(services.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Group");
            int taskRows = 0;
            for (Row row : services) {
                if (row.getRowNum() > 0 && !row.getCell(5, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK).getStringCellValue().isEmpty()) {
                    taskRows++;
                }
            }
            assertThat(taskRows).isEqualTo(hotspots.get("areas").valueStream().mapToInt(area -> area.get("tasks").size()).sum());

            Sheet sheet = workbook.getSheet("Hotspots");
            assertThat(sheet).isNotNull();
            assertThat((int) sheet.getRow(0).getCell(1).getNumericCellValue()).isEqualTo(expectedTotal);
            Map<String, Integer> workbookCounts = new LinkedHashMap<>();
            for (Row row : sheet) {
                if (row.getRowNum() < 3) {
                    continue;
                }
                String areaId = row.getCell(5).getStringCellValue();
                String taskId = row.getCell(6, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK).getStringCellValue();
                workbookCounts.put(taskId.isEmpty() ? areaId : areaId + "/" + taskId, (int) row.getCell(3).getNumericCellValue());
            }
            expectedAreas.forEach((area, count) -> assertThat(workbookCounts.get(area)).as("workbook area %s", area).isEqualTo(count));
            expectedTasks.forEach((task, count) -> assertThat(workbookCounts.get(task)).as("workbook task %s", task).isEqualTo(count));
        }
    }

    private static JsonNode awaitTotal(int total) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> getJson(Service.ANALYTICS, "/api/hotspots"),
                json -> json != null && json.get("totalResponses").asInt() == total);
    }

    private static List<JsonNode> areasOf(JsonNode catalogue) {
        List<JsonNode> areas = new ArrayList<>();
        catalogue.get("groups").forEach(group -> group.get("areas").forEach(areas::add));
        return areas;
    }

    private static JsonNode getJson(Service service, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(settings.baseUrl(service) + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private static HttpResponse<String> post(Service service, String path, String idempotencyKey, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(settings.baseUrl(service) + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isListening(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
