package org.pmoresearch.analytics;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Single responses: a respondent's own behind the report token, and admins' pages of all of them. */
@Order(3)
class ResponsesApiTest extends AnalyticsIntegrationTest {

    private static final String TOKEN_HEADER = "X-Report-Token";
    private final ReportTokens tokens = new ReportTokens(REPORT_TOKEN_SECRET);

    @Test
    void aRespondentReadsTheirOwnResponseWithTheReportToken() throws Exception {
        UUID responseId = UUID.randomUUID();
        RespondentProfile profile = TestEvents.profile(Map.of("pmoType", "centre-of-excellence", "role", "consultant"));
        Map<String, List<String>> selections = Map.of("risk-management", List.of("risk-register"), "ppm-tools", List.of());
        publishSubmission(responseId, profile, selections, 2);
        awaitHotspotsMatchTheGroundTruth();

        mvc.perform(get("/api/responses/{id}", responseId).header(TOKEN_HEADER, tokens.issue(responseId)))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.responseId").value(responseId.toString()))
                .andExpect(jsonPath("$.catalogueVersion").value(2))
                .andExpect(jsonPath("$.submittedAt").isNotEmpty())
                .andExpect(jsonPath("$.profile.pmoType").value("centre-of-excellence"))
                .andExpect(jsonPath("$.profile.role").value("consultant"))
                .andExpect(jsonPath("$.selections.risk-management[0]").value("risk-register"))
                .andExpect(jsonPath("$.selections.ppm-tools").isEmpty())
                .andExpect(jsonPath("$.withdrawn").value(false));

        mvc.perform(get("/api/responses/{id}", responseId).header(TOKEN_HEADER, tokens.issue(UUID.randomUUID())))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/responses/{id}", responseId))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/responses/{id}", "not-a-uuid").header(TOKEN_HEADER, "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("responseId"));

        publishWithdrawal(responseId);
        awaitHotspotsMatchTheGroundTruth();
        mvc.perform(get("/api/responses/{id}", responseId).header(TOKEN_HEADER, tokens.issue(responseId)))
                .andExpect(status().isGone())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(410));
    }

    @Test
    void aResponseNotCountedYetIsA404WithRetryAfter() throws Exception {
        UUID unknown = UUID.randomUUID();

        mvc.perform(get("/api/responses/{id}", unknown).header(TOKEN_HEADER, tokens.issue(unknown)))
                .andExpect(status().isNotFound())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aResponseToACatalogueVersionNotReadYetIsA503WithRetryAfter() throws Exception {
        UUID responseId = UUID.randomUUID();
        int unread = 9_999;
        mongo.save(new org.bson.Document("_id", responseId.toString()).append("partition", 0).append("offset", 0L)
                .append("catalogueVersion", unread).append("selectedAreas", new byte[] {1})
                .append("selectedTasks", new byte[] {1}).append("withdrawn", false),
                activeGeneration().factsCollection());
        try {
            mvc.perform(get("/api/responses/{id}", responseId).header(TOKEN_HEADER, tokens.issue(responseId)))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:pmoresearch:problem:catalogue-not-read-yet"))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("version " + unread)));
        } finally {
            mongo.remove(new org.bson.Document("_id", responseId.toString()), activeGeneration().factsCollection());
        }
    }

    @Test
    void adminsPageThroughEveryCountedResponseInResponseIdOrder() throws Exception {
        publishChunk(150);
        awaitHotspotsMatchTheGroundTruth();

        assertThat(allPages(Map.of(), 400)).containsExactlyElementsOf(TRUTH.countedIds());
        assertThat(allPages(Map.of("role", "consultant", "employment", "permanent"), 5000))
                .isNotEmpty()
                .containsExactlyElementsOf(TRUTH.countedIds(submission -> "consultant".equals(submission.profile().role())
                        && "permanent".equals(submission.profile().employment())));

        JsonNode page = getJson(get("/api/admin/responses").param("limit", "1").with(httpBasic(ADMIN, ADMIN_PASSWORD)));
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("responseId").asString()).isEqualTo(TRUTH.countedIds().first());
        assertThat(item.has("submittedAt")).isTrue();
        assertThat(item.get("catalogueVersion").isInt()).isTrue();
        assertThat(item.get("profile").isObject()).isTrue();
        assertThat(item.get("selections").isObject()).isTrue();
        assertThat(page.get("next").asString()).isEqualTo(item.get("responseId").asString());
    }

    @Test
    void responsePagesAreForAdminsAndCheckTheirParameters() throws Exception {
        mvc.perform(get("/api/admin/responses")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/admin/responses").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/responses").param("limit", "5001").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/api/admin/responses").param("after", "nope").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("after"));
        mvc.perform(get("/api/admin/responses").param("page", "2").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    private List<String> allPages(Map<String, String> filters, int limit) throws Exception {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            var request = get("/api/admin/responses").param("limit", Integer.toString(limit))
                    .with(httpBasic(ADMIN, ADMIN_PASSWORD));
            filters.forEach(request::param);
            if (after != null) {
                request.param("after", after);
            }
            JsonNode page = getJson(request);
            page.get("items").forEach(item -> ids.add(item.get("responseId").asString()));
            after = page.get("next").isNull() ? null : page.get("next").asString();
        } while (after != null);
        return ids;
    }
}
