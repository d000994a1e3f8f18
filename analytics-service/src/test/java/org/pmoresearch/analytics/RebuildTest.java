package org.pmoresearch.analytics;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.domain.Generation;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Rebuilding facts and counts from offset zero into fresh collections, then switching over. */
@Order(7)
class RebuildTest extends AnalyticsIntegrationTest {

    @Test
    void aRebuildFromTheTopicEndsWithTheSameCountsAndTheLiveCountingContinuesOnIt() throws Exception {
        publishChunk(200);
        awaitHotspotsMatchTheGroundTruth();
        JsonNode hotspotsBefore = hotspots();
        JsonNode segmentsBefore = getJson(get("/api/hotspots/segments/role"));
        Generation generationBefore = activeGeneration();

        String body = mvc.perform(post("/api/admin/rebuild").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("running"))
                .andReturn().getResponse().getContentAsString();
        String rebuildId = TestEvents.JSON.readTree(body).get("rebuildId").asString();

        await().atMost(COUNTING_TIMEOUT).untilAsserted(() -> {
            JsonNode status = getJson(get("/api/admin/rebuild").with(httpBasic(ADMIN, ADMIN_PASSWORD)));
            assertThat(status.get("rebuildId").asString()).isEqualTo(rebuildId);
            assertThat(status.get("status").asString()).isEqualTo("completed");
        });
        JsonNode status = getJson(get("/api/admin/rebuild").with(httpBasic(ADMIN, ADMIN_PASSWORD)));
        assertThat(status.get("eventsApplied").asLong()).isGreaterThanOrEqualTo(appliedRecords());
        assertThat(status.get("startedAt").asString()).isNotBlank();
        assertThat(status.get("completedAt").asString()).isNotBlank();
        Generation rebuilt = generationBefore.next();
        assertThat(activeGeneration()).isEqualTo(rebuilt);
        assertThat(mongo.collectionExists(rebuilt.countsCollection())).isTrue();
        assertThat(mongo.collectionExists(rebuilt.factsCollection())).isTrue();
        assertThat(hotspots()).isEqualTo(hotspotsBefore);
        assertThat(getJson(get("/api/hotspots/segments/role"))).isEqualTo(segmentsBefore);
        assertEveryFactCarriesThePositionOfItsFirstRecord();

        publishChunk(100);
        awaitHotspotsMatchTheGroundTruth();
        assertThat(appliedRecords()).isGreaterThan(0);
    }

    @Test
    void rebuildsAreForAdminsOnly() throws Exception {
        mvc.perform(post("/api/admin/rebuild")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/admin/rebuild").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isForbidden());
    }
}
