package org.pmoresearch.analytics.messaging;

import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.analytics.domain.CatalogueIds;
import org.pmoresearch.analytics.domain.SelectionBits;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.SurveyResponseSubmitted;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The token-by-token read of a submission gives what the data binding gives, and leaves anything unusual to it. */
class SubmittedEventReaderTest {

    private final SubmittedEventReader reader = new SubmittedEventReader(TestEvents.JSON, CatalogueIds.shared());

    @Test
    void eventsAsTheSurveyWritesThemReadAsTheBindingReadsThem() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            SurveyResponseSubmitted event = new SurveyResponseSubmitted(SurveyResponseSubmitted.SCHEMA_VERSION,
                    UUID.randomUUID(), i % 50 == 0 ? null : UUID.randomUUID(), i % 40 == 0 ? null : Instant.now(),
                    1 + random.nextInt(3), i % 30 == 0 ? null : TestEvents.randomProfile(random),
                    TestEvents.randomSelections(random), i % 3 == 0 ? "Benefits tracking, " + i : null);
            byte[] json = TestEvents.json(event);

            assertThat(reader.read(json)).isEqualTo(TestEvents.JSON.readValue(json, SurveyResponseSubmitted.class))
                    .isEqualTo(event);
        }
    }

    @Test
    void propertiesInAnyOrderAndAbsentOnesReadAsTheBindingReadsThem() {
        String json = """
                {"selections": {"risk-management": ["risk-register"], "ppm-tools": []},
                 "profile": {"region": "europe", "role": null},
                 "catalogueVersion": 2, "schemaVersion": 1}""";

        assertThat(read(json)).isEqualTo(bound(json)).isEqualTo(new SurveyResponseSubmitted(1, null, null, null, 2,
                new RespondentProfile(null, null, null, "europe", null, null, null, null),
                Map.of("risk-management", List.of("risk-register"), "ppm-tools", List.of()), null));
    }

    @Test
    void anIdIsTheSameInstanceInEveryEvent() {
        String json = """
                {"schemaVersion": 1, "catalogueVersion": 1, "selections": {"risk-management": ["risk-register"]}}""";

        SurveyResponseSubmitted first = read(json);
        SurveyResponseSubmitted second = read(json);

        String firstTask = first.selections().get("risk-management").get(0);
        assertThat(second.selections().get("risk-management").get(0)).isSameAs(firstTask);
        assertThat(second.selections().keySet().iterator().next()).isSameAs(first.selections().keySet().iterator().next());
    }

    @Test
    void anythingOutsideTheSurveysShapeIsLeftToTheBinding() {
        List<String> unusual = List.of(
                "[]",
                "null",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1} {}",
                "{\"schemaVersion\": 1}",
                "{\"catalogueVersion\": 1}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"extra\": true}",
                "{\"schemaVersion\": 1, \"schemaVersion\": 1, \"catalogueVersion\": 1}",
                "{\"schemaVersion\": null, \"catalogueVersion\": 1}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": \"1\"}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1.0}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 4294967296}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"responseId\": \"1-1-1-1-1\"}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"responseId\": \"not-a-uuid-but-thirty-six-characters\"}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"submittedAt\": \"2026-01-05T10:00:00+01:00\"}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"submittedAt\": 1767607200}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"profile\": {\"shoeSize\": \"42\"}}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"profile\": {\"region\": 3}}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"profile\": []}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"otherServices\": 5}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"selections\": []}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"selections\": {\"risk-management\": null}}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"selections\": {\"risk-management\": [null]}}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"selections\": {\"risk-management\": [\"Risk\"]}}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"selections\": {\"Risk\": []}}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"selections\": {\"a\": [], \"a\": []}}",
                "{\"schemaVersion\": 1, \"catalogueVersion\": 1, \"selections\": {\"risk-management\": [[\"x\"]]}}");

        for (String json : unusual) {
            assertThat(read(json)).as(json).isNull();
        }
        assertThat(reader.read(null)).isNull();
    }

    @Test
    void anIdIsTheCataloguesOwnInstance() {
        SelectionBits version1 = SelectionBits.of(TestEvents.CATALOGUE_V1);
        SelectionBits.Encoded bits = version1.encode(Map.of("risk-management", List.of("risk-workshops")));
        String cataloguesTask = version1.decode(bits.areas(), bits.tasks()).get("risk-management").get(0);

        SurveyResponseSubmitted event = read("""
                {"schemaVersion": 1, "catalogueVersion": 1, "selections": {"risk-management": ["risk-workshops"]}}""");

        assertThat(event.selections().get("risk-management").get(0)).isSameAs(cataloguesTask);
    }

    private SurveyResponseSubmitted read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static SurveyResponseSubmitted bound(String json) {
        return TestEvents.JSON.readValue(json, SurveyResponseSubmitted.class);
    }
}
