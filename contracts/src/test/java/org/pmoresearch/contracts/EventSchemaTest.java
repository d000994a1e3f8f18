package org.pmoresearch.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemaTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static CataloguePublished catalogue() {
        return new CataloguePublished(CataloguePublished.SCHEMA_VERSION, UUID.randomUUID(), 3,
                Instant.parse("2026-11-01T10:15:30Z"),
                List.of(new CatalogueGroup("planning", "Planning", "Portfolio office", List.of(
                        new CatalogueArea("risk-management", "Risk management", "Risks and their owners", List.of(
                                new CatalogueTask("risk-register", "Risk register", "Keep the register"),
                                new CatalogueTask("risk-workshops", "Risk workshops", null)))))));
    }

    static SurveyResponseSubmitted submitted() {
        Map<String, List<String>> selections = new LinkedHashMap<>();
        selections.put("risk-management", List.of("risk-register"));
        selections.put("reporting", List.of());
        return new SurveyResponseSubmitted(SurveyResponseSubmitted.SCHEMA_VERSION, UUID.randomUUID(), UUID.randomUUID(),
                Instant.now(), 3,
                new RespondentProfile("enterprise", "pmo-manager", null, "europe", "1001-5000", null, "6-10", "permanent"),
                selections, "Benefits coaching");
    }

    static SurveyResponseWithdrawn withdrawn() {
        return new SurveyResponseWithdrawn(SurveyResponseWithdrawn.SCHEMA_VERSION, UUID.randomUUID(), UUID.randomUUID(), Instant.now());
    }

    private static Schema schemaOf(Class<?> event) throws IOException {
        try (InputStream in = event.getResourceAsStream("/schemas/" + event.getSimpleName() + ".schema.json")) {
            assertThat(in).as("schema for %s", event.getSimpleName()).isNotNull();
            return SCHEMAS.getSchema(MAPPER.readTree(in));
        }
    }

    private static List<Error> validate(Object event) throws IOException {
        return schemaOf(event.getClass()).validate(MAPPER.valueToTree(event));
    }

    @Test
    void cataloguePublishedSerialisesToJsonItsSchemaAccepts() throws IOException {
        assertThat(validate(catalogue())).isEmpty();
    }

    @Test
    void surveyResponseSubmittedSerialisesToJsonItsSchemaAccepts() throws IOException {
        assertThat(validate(submitted())).isEmpty();
    }

    @Test
    void surveyResponseSubmittedWithoutProfileIsAccepted() throws IOException {
        SurveyResponseSubmitted bare = submitted();
        bare = new SurveyResponseSubmitted(bare.schemaVersion(), bare.eventId(), bare.responseId(), bare.submittedAt(),
                bare.catalogueVersion(), null, bare.selections(), null);
        assertThat(validate(bare)).isEmpty();
    }

    @Test
    void surveyResponseWithdrawnSerialisesToJsonItsSchemaAccepts() throws IOException {
        assertThat(validate(withdrawn())).isEmpty();
    }

    @Test
    void schemaRejectsAProfileValueOutsideTheAllowedList() throws IOException {
        ObjectNode json = MAPPER.valueToTree(submitted());
        ((ObjectNode) json.get("profile")).put("pmoType", "galactic-empire");
        assertThat(schemaOf(SurveyResponseSubmitted.class).validate(json)).isNotEmpty();
    }

    @Test
    void schemaRejectsAResponseWithoutSelections() throws IOException {
        ObjectNode json = MAPPER.valueToTree(submitted());
        json.putObject("selections");
        assertThat(schemaOf(SurveyResponseSubmitted.class).validate(json)).isNotEmpty();
    }

    @Test
    void eventsWithAnUnknownExtraFieldStillDeserialise() {
        for (Object event : List.of(catalogue(), submitted(), withdrawn())) {
            ObjectNode json = MAPPER.valueToTree(event);
            json.put("addedInALaterSchemaVersion", "ignored");
            ((ObjectNode) json).putObject("nestedAddition").put("x", 1);
            if (json.has("groups")) {
                ((ObjectNode) json.get("groups").get(0)).put("colour", "blue");
            }
            if (json.has("profile")) {
                ((ObjectNode) json.get("profile")).put("favouriteMethod", "P3O");
            }
            Object read = MAPPER.treeToValue(json, event.getClass());
            assertThat(read).isEqualTo(event);
        }
    }

    @Test
    void profileQuestionsOfferExactlyTheValuesTheSchemaAllows() throws IOException {
        JsonNode questions;
        try (InputStream in = getClass().getResourceAsStream("/profile-questions.json")) {
            questions = MAPPER.readTree(in);
        }
        JsonNode profileSchema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/SurveyResponseSubmitted.schema.json")) {
            profileSchema = MAPPER.readTree(in).at("/properties/profile/properties");
        }
        Set<String> dimensions = new TreeSet<>();
        for (JsonNode question : questions) {
            String id = question.get("id").asString();
            dimensions.add(id);
            List<String> offered = new ArrayList<>();
            question.get("options").forEach(option -> offered.add(option.get("value").asString()));
            List<String> allowed = new ArrayList<>();
            profileSchema.get(id).get("enum").forEach(value -> {
                if (!value.isNull()) {
                    allowed.add(value.asString());
                }
            });
            assertThat(offered).as("options of %s", id).containsExactlyElementsOf(allowed);
        }
        Set<String> recordFields = new TreeSet<>();
        for (var component : RespondentProfile.class.getRecordComponents()) {
            recordFields.add(component.getName());
        }
        assertThat(dimensions).isEqualTo(recordFields);
    }

    @Test
    void topicNamesFollowTheVersionedConvention() {
        assertThat(List.of(Topics.CATALOGUE, Topics.SURVEY_RESPONSES))
                .allSatisfy(topic -> assertThat(topic).matches("pmo\\.[a-z-]+\\.v\\d+"));
        assertThat(Topics.SURVEY_RESPONSES_DLQ).isEqualTo(Topics.SURVEY_RESPONSES + ".dlq");
    }
}
