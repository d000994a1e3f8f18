package org.pmoresearch.analytics;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The hotspot API over HTTP: segments, catalogue versions, k-anonymity, cross-filters, validation, caching, CORS. */
@Order(2)
class HotspotsApiTest extends AnalyticsIntegrationTest {

    private static final int K = 5;

    @Test
    void aSegmentWithFewerThanKRespondentsIsSuppressedWholeAndThenCellByCell() throws Exception {
        RespondentProfile controlled = TestEvents.profile(Map.of("region", TestEvents.CONTROLLED_REGION));
        for (int i = 0; i < K - 1; i++) {
            publishSubmission(UUID.randomUUID(), controlled, Map.of("risk-management", List.of("risk-register")), 2);
        }
        awaitHotspotsMatchTheGroundTruth();

        JsonNode fewerThanK = getJson(get("/api/hotspots").param("region", TestEvents.CONTROLLED_REGION));
        assertThat(fewerThanK.get("suppressed").asBoolean()).isTrue();
        assertThat(fewerThanK.get("totalResponses").isNull()).isTrue();
        assertThat(fewerThanK.get("filter").get("dimension").asString()).isEqualTo("region");
        assertThat(fewerThanK.get("filter").get("value").asString()).isEqualTo(TestEvents.CONTROLLED_REGION);
        assertThat(fewerThanK.get("areas").valueStream().map(area -> area.get("id").asString()))
                .containsExactly("portfolio-analysis", "benefits-management", "risk-management", "ppm-tools");
        fewerThanK.get("areas").forEach(area -> {
            assertThat(area.get("name").asString()).isNotBlank();
            assertThat(area.get("suppressed").asBoolean()).isTrue();
            for (String figure : List.of("count", "percentage", "rank", "band")) {
                assertThat(area.get(figure).isNull()).as(figure).isTrue();
            }
            area.get("tasks").forEach(task -> assertThat(task.get("count").isNull()).isTrue());
        });

        publishSubmission(UUID.randomUUID(), controlled,
                Map.of("risk-management", List.of("risk-register", "risk-workshops"), "ppm-tools", List.of()), 2);
        awaitHotspotsMatchTheGroundTruth();

        JsonNode k = getJson(get("/api/hotspots").param("region", TestEvents.CONTROLLED_REGION));
        assertThat(k.get("suppressed").asBoolean()).isFalse();
        assertThat(k.get("totalResponses").asLong()).isEqualTo(K);
        JsonNode risk = k.get("areas").get(0);
        assertThat(risk.get("id").asString()).isEqualTo("risk-management");
        assertThat(risk.get("count").asLong()).isEqualTo(K);
        assertThat(risk.get("percentage").asDouble()).isEqualTo(100.0);
        assertThat(risk.get("rank").asInt()).isEqualTo(1);
        assertThat(risk.get("band").asString()).isEqualTo("core");
        assertThat(risk.get("tasks").get(0).get("id").asString()).isEqualTo("risk-register");
        assertThat(risk.get("tasks").get(0).get("count").asLong()).isEqualTo(K);
        JsonNode workshops = risk.get("tasks").get(1);
        assertThat(workshops.get("suppressed").asBoolean()).isTrue();
        assertThat(workshops.get("count").isNull()).isTrue();
        assertThat(workshops.get("rank").isNull()).isTrue();
        JsonNode tools = area(k, "ppm-tools");
        assertThat(tools.get("suppressed").asBoolean()).isTrue();
        assertThat(tools.get("count").isNull()).isTrue();
        assertThat(tools.get("percentage").isNull()).isTrue();
        // Shown cells are ranked among themselves; the suppressed one sorts before the zeros and takes no rank.
        assertThat(k.get("areas").get(1).get("id").asString()).isEqualTo("ppm-tools");
        JsonNode empty = area(k, "portfolio-analysis");
        assertThat(empty.get("count").asLong()).isZero();
        assertThat(empty.get("suppressed").asBoolean()).isFalse();
        assertThat(empty.get("rank").asInt()).isEqualTo(2);
        assertThat(empty.get("band").asString()).isEqualTo("niche");

        JsonNode segments = getJson(get("/api/hotspots/segments/region"));
        JsonNode oceania = segments.get("segments").valueStream()
                .filter(segment -> segment.get("value").asString().equals(TestEvents.CONTROLLED_REGION))
                .findFirst().orElseThrow();
        assertThat(oceania.get("totalResponses").asLong()).isEqualTo(K);
        assertThat(oceania.get("label").asString()).isEqualTo("Australia, New Zealand and Oceania");
        assertThat(oceania.get("areas")).isEqualTo(k.get("areas"));
    }

    @Test
    void aFilteredAnswerHasTheSegmentsExactCountsWithCellsBelowKHidden() throws Exception {
        publishChunk(300);
        awaitHotspotsMatchTheGroundTruth();
        String role = mostAnswered("role");

        JsonNode answer = getJson(get("/api/hotspots").param("role", role));

        GroundTruth.Expected expected = TRUTH.expectedFor("role", role);
        assertThat(answer.get("totalResponses").asLong()).isEqualTo(expected.totalResponses());
        assertThat(answer.get("suppressed").asBoolean()).isFalse();
        assertCellsMatch(answer, expected);
        assertDenseRanks(answer.get("areas"));
        answer.get("areas").forEach(area -> assertDenseRanks(area.get("tasks")));
    }

    @Test
    void theSegmentsOfADimensionFollowTheSurveysOrderAndAddUpToItsAnswers() throws Exception {
        publishChunk(100);
        awaitHotspotsMatchTheGroundTruth();

        JsonNode answer = getJson(get("/api/hotspots/segments/pmoType"));

        assertThat(answer.get("minCellSize").asInt()).isEqualTo(K);
        assertThat(answer.get("segments").valueStream().map(segment -> segment.get("label").asString()))
                .containsExactly("Enterprise or portfolio PMO", "Business-unit or divisional PMO",
                        "Programme or project office", "Project support or controls office", "Centre of excellence");
        long answered = 0;
        for (JsonNode segment : answer.get("segments")) {
            GroundTruth.Expected expected = TRUTH.expectedFor("pmoType", segment.get("value").asString());
            answered += expected.totalResponses();
            if (expected.totalResponses() >= K) {
                assertThat(segment.get("totalResponses").asLong()).isEqualTo(expected.totalResponses());
                assertCellsMatch(segment, expected);
            } else {
                assertThat(segment.get("suppressed").asBoolean()).isTrue();
            }
        }
        long unanswered = TRUTH.expected(submission -> submission.profile() == null
                || submission.profile().pmoType() == null).totalResponses();
        assertThat(answered + unanswered).isEqualTo(TRUTH.expected().totalResponses());
    }

    @Test
    void aCatalogueVersionFilterCountsTheResponsesToThatVersionLaidOverIt() throws Exception {
        publishChunk(50);
        awaitHotspotsMatchTheGroundTruth();

        JsonNode answer = getJson(get("/api/hotspots").param("catalogueVersion", "1"));

        GroundTruth.Expected expected = TRUTH.expected(submission -> submission.catalogueVersion() == 1);
        assertThat(answer.get("catalogueVersion").asInt()).isEqualTo(1);
        assertThat(answer.get("totalResponses").asLong()).isEqualTo(expected.totalResponses());
        assertCellsMatch(answer, expected);
        assertThat(area(answer, "legacy-assurance").get("groupId").asString()).isEqualTo("delivery");

        String role = mostAnswered("role");
        JsonNode segment = getJson(get("/api/hotspots").param("catalogueVersion", "1").param("role", role));
        assertThat(segment.get("totalResponses").asLong()).isEqualTo(TRUTH.expected(submission ->
                submission.catalogueVersion() == 1 && role.equals(submission.profile().role())).totalResponses());
    }

    @Test
    void invalidQueriesAreAnswered400NamingTheParameter() throws Exception {
        mvc.perform(get("/api/hotspots").param("colour", "blue"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("colour"));
        mvc.perform(get("/api/hotspots").param("pmoType", "galactic"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("pmoType"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("enterprise")));
        mvc.perform(get("/api/hotspots").param("pmoType", "enterprise").param("role", "pmo-manager"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("role"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("admin-only")));
        mvc.perform(get("/api/hotspots").param("catalogueVersion", "999"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("catalogueVersion"));
        mvc.perform(get("/api/hotspots").param("catalogueVersion", "latest"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("catalogueVersion"));
        mvc.perform(get("/api/hotspots").param("role", "pmo-manager").param("role", "consultant"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("role"));
        mvc.perform(get("/api/hotspots/segments/colour"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("dimension"));
    }

    @Test
    void adminCrossFiltersAreCountedFromTheFactsWithoutSuppression() throws Exception {
        publishChunk(200);
        awaitHotspotsMatchTheGroundTruth();
        String pmoType = mostAnswered("pmoType");
        String size = mostAnswered("organisationSize");

        JsonNode answer = getJson(get("/api/admin/hotspots").param("pmoType", pmoType)
                .param("organisationSize", size).with(httpBasic(ADMIN, ADMIN_PASSWORD)));

        GroundTruth.Expected expected = TRUTH.expected(submission -> pmoType.equals(submission.profile().pmoType())
                && size.equals(submission.profile().organisationSize()));
        assertThat(answer.get("suppressed").asBoolean()).isFalse();
        assertThat(answer.get("filter").isNull()).isTrue();
        assertThat(answer.get("filters")).hasSize(2);
        assertThat(answer.get("totalResponses").asLong()).isEqualTo(expected.totalResponses());
        assertMatches(answer, expected);
        answer.get("areas").forEach(area -> assertThat(area.get("suppressed").asBoolean()).isFalse());

        mvc.perform(get("/api/admin/hotspots").param("pmoType", pmoType)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/admin/hotspots").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/hotspots").param("pmoType", "galactic").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("pmoType"));
    }

    @Test
    void hotspotsCarryAnETagAndMayBeReadFromTheConfiguredOriginsWithoutCredentials() throws Exception {
        awaitHotspotsMatchTheGroundTruth();
        String etag = mvc.perform(get("/api/hotspots"))
                .andExpect(status().isOk())
                .andExpect(header().exists(HttpHeaders.ETAG))
                .andReturn().getResponse().getHeader(HttpHeaders.ETAG);
        mvc.perform(get("/api/hotspots").header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isNotModified());

        mvc.perform(get("/api/hotspots").header(HttpHeaders.ORIGIN, SURVEY_ORIGIN))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SURVEY_ORIGIN))
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS));
        mvc.perform(get("/api/hotspots/stream").header(HttpHeaders.ORIGIN, "https://elsewhere.example"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/hotspots").header(HttpHeaders.ORIGIN, SURVEY_ORIGIN)
                        .with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
    }

    /**
     * Every area and task cell equals the expected count, or is suppressed where the expected count is
     * above zero and below k.
     */
    static void assertCellsMatch(JsonNode answer, GroundTruth.Expected expected) {
        answer.get("areas").forEach(area -> {
            String areaId = area.get("id").asString();
            assertCell(area, expected.areas().getOrDefault(areaId, 0L), areaId);
            area.get("tasks").forEach(task -> assertCell(task,
                    expected.tasks().getOrDefault(areaId + "/" + task.get("id").asString(), 0L),
                    areaId + "/" + task.get("id").asString()));
        });
    }

    private static void assertCell(JsonNode cell, long expected, String what) {
        if (expected > 0 && expected < K) {
            assertThat(cell.get("suppressed").asBoolean()).as("%s suppressed", what).isTrue();
            assertThat(cell.get("count").isNull()).as("%s count hidden", what).isTrue();
        } else {
            assertThat(cell.get("suppressed").asBoolean()).as("%s suppressed", what).isFalse();
            assertThat(cell.get("count").asLong()).as("%s count", what).isEqualTo(expected);
        }
    }

    /** Rank 1 for the highest shown count, ties share a rank, no rank is skipped. */
    private static void assertDenseRanks(JsonNode cells) {
        List<JsonNode> shown = new ArrayList<>();
        cells.forEach(cell -> {
            if (!cell.get("suppressed").asBoolean()) {
                shown.add(cell);
            }
        });
        List<Long> distinctCounts = shown.stream().map(cell -> cell.get("count").asLong()).distinct()
                .sorted(Comparator.reverseOrder()).toList();
        shown.forEach(cell -> assertThat(cell.get("rank").asInt())
                .isEqualTo(distinctCounts.indexOf(cell.get("count").asLong()) + 1));
    }

    /** The value of the dimension most respondents gave, by the ground truth. */
    private static String mostAnswered(String dimension) {
        Map<String, Long> totals = new HashMap<>();
        TestEvents.DIMENSIONS.find(dimension).orElseThrow().options().forEach(option ->
                totals.put(option.value(), TRUTH.expectedFor(dimension, option.value()).totalResponses()));
        return totals.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
