package org.pmoresearch.survey.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.survey.TestCatalogues;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SubmissionValidatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SubmissionValidator validator;

    @BeforeEach
    void catalogueVersionOneIsPublished() throws IOException {
        CatalogueRegistry catalogues = new CatalogueRegistry();
        catalogues.register(TestCatalogues.version(1));
        validator = new SubmissionValidator(catalogues, profileQuestions());
    }

    static ProfileQuestions profileQuestions() throws IOException {
        try (InputStream in = ProfileQuestions.class.getResourceAsStream("/profile-questions.json")) {
            return new ProfileQuestions(JSON.readValue(in, new TypeReference<List<ProfileQuestion>>() { }));
        }
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                arguments("body is an array", "[]", "$"),
                arguments("catalogue version missing", """
                        {"selections": {"secretariat": []}}""", "catalogueVersion"),
                arguments("catalogue version is a string", """
                        {"catalogueVersion": "abc", "selections": {"secretariat": []}}""", "catalogueVersion"),
                arguments("catalogue version is a fraction", """
                        {"catalogueVersion": 1.5, "selections": {"secretariat": []}}""", "catalogueVersion"),
                arguments("catalogue version overflows an int", """
                        {"catalogueVersion": 99999999999, "selections": {"secretariat": []}}""", "catalogueVersion"),
                arguments("catalogue version not published", """
                        {"catalogueVersion": 2, "selections": {"secretariat": []}}""", "catalogueVersion"),
                arguments("selections missing", """
                        {"catalogueVersion": 1}""", "selections"),
                arguments("selections null", """
                        {"catalogueVersion": 1, "selections": null}""", "selections"),
                arguments("selections is an array", """
                        {"catalogueVersion": 1, "selections": ["secretariat"]}""", "selections"),
                arguments("selections empty", """
                        {"catalogueVersion": 1, "selections": {}}""", "selections"),
                arguments("unknown area", """
                        {"catalogueVersion": 1, "selections": {"astrology": []}}""", "selections.astrology"),
                arguments("area tasks not an array", """
                        {"catalogueVersion": 1, "selections": {"secretariat": "minutes"}}""", "selections.secretariat"),
                arguments("unknown task", """
                        {"catalogueVersion": 1, "selections": {"risk-management": ["risk-register", "horoscopes"]}}""",
                        "selections.risk-management[1]"),
                arguments("task under the wrong area", """
                        {"catalogueVersion": 1, "selections": {"secretariat": ["risk-register"]}}""",
                        "selections.secretariat[0]"),
                arguments("task id not a string", """
                        {"catalogueVersion": 1, "selections": {"risk-management": [7]}}""", "selections.risk-management[0]"),
                arguments("duplicate task", """
                        {"catalogueVersion": 1, "selections": {"risk-management": ["risk-register", "risk-register"]}}""",
                        "selections.risk-management[1]"),
                arguments("more tasks than the catalogue has", """
                        {"catalogueVersion": 1, "selections": {"risk-management":
                          ["risk-register", "risk-workshops", "a", "b", "c", "d", "e"]}}""", "selections"),
                arguments("more areas than the catalogue has", """
                        {"catalogueVersion": 1, "selections": {"a": [], "b": [], "c": [], "d": [], "e": []}}""",
                        "selections"),
                arguments("unknown top-level field", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "favouriteColour": "teal"}""",
                        "favouriteColour"),
                arguments("profile is a string", """
                        {"catalogueVersion": 1, "profile": "manager", "selections": {"secretariat": []}}""", "profile"),
                arguments("unknown profile dimension", """
                        {"catalogueVersion": 1, "profile": {"shoeSize": "42"}, "selections": {"secretariat": []}}""",
                        "profile.shoeSize"),
                arguments("profile value not in the allowed list", """
                        {"catalogueVersion": 1, "profile": {"role": "astronaut"}, "selections": {"secretariat": []}}""",
                        "profile.role"),
                arguments("profile value of the wrong type", """
                        {"catalogueVersion": 1, "profile": {"pmoType": 3}, "selections": {"secretariat": []}}""",
                        "profile.pmoType"),
                arguments("other services not a string", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "otherServices": ["coaching"]}""",
                        "otherServices"),
                arguments("other services with a control character", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "otherServices": "bell\\u0007"}""",
                        "otherServices"),
                arguments("other services with an unpaired surrogate", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "otherServices": "\\udc00 alone"}""",
                        "otherServices"),
                arguments("other services too long", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "otherServices": "%s"}"""
                        .formatted("x".repeat(SubmissionValidator.MAX_OTHER_SERVICES_LENGTH + 1)), "otherServices"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badBodies")
    void rejectsABadBodyNamingTheField(String description, String body, String expectedField) {
        ValidationResult result = validator.validate(JSON.readTree(body));

        assertThat(result.isValid()).isFalse();
        assertThat(result.submission()).isNull();
        assertThat(result.violations()).extracting(FieldViolation::field).containsExactly(expectedField);
        assertThat(result.violations()).allSatisfy(violation -> assertThat(violation.reason()).isNotBlank());
    }

    @Test
    void acceptsAFullResponseAndKeepsItsContent() {
        ValidationResult result = validator.validate(JSON.readTree("""
                {"catalogueVersion": 1,
                 "profile": {"pmoType": "enterprise", "role": "pmo-manager", "sector": null, "region": "europe",
                             "organisationSize": "1001-5000", "pmoHeadcount": "2-5", "yearsInPmo": "6-10",
                             "employment": "permanent"},
                 "selections": {"risk-management": ["risk-workshops", "risk-register"], "secretariat": []},
                 "otherServices": "Benefits coaching"}"""));

        assertThat(result.violations()).isEmpty();
        assertThat(result.submission()).isEqualTo(new SurveySubmission(1,
                new RespondentProfile("enterprise", "pmo-manager", null, "europe", "1001-5000", "2-5", "6-10", "permanent"),
                Map.of("risk-management", List.of("risk-workshops", "risk-register"), "secretariat", List.of()),
                "Benefits coaching"));
    }

    @Test
    void acceptsAMinimalResponseWithAnEmptyProfile() {
        ValidationResult result = validator.validate(JSON.readTree("""
                {"catalogueVersion": 1, "profile": null, "selections": {"secretariat": []}, "otherServices": null}"""));

        assertThat(result.isValid()).isTrue();
        assertThat(result.submission().profile()).isEqualTo(RespondentProfile.EMPTY);
        assertThat(result.submission().otherServices()).isNull();
    }

    @Test
    void acceptsEveryTaskOfTheCatalogueAndTheLongestOtherServicesText() {
        String longest = "é".repeat(SubmissionValidator.MAX_OTHER_SERVICES_LENGTH);
        JsonNode body = JSON.readTree("""
                {"catalogueVersion": 1,
                 "selections": {"portfolio-reporting": ["consolidated-dashboard", "rag-roll-up"],
                                "benefits-management": ["benefits-register"],
                                "risk-management": ["risk-register", "risk-workshops"],
                                "secretariat": ["minutes"]},
                 "otherServices": "%s"}""".formatted(longest));

        ValidationResult result = validator.validate(body);

        assertThat(result.violations()).isEmpty();
        assertThat(result.submission().selections()).hasSize(TestCatalogues.AREA_COUNT);
        assertThat(result.submission().selections().values().stream().mapToInt(List::size).sum())
                .isEqualTo(TestCatalogues.TASK_COUNT);
    }

    @Test
    void keepsOtherServicesAsPlainTextWithLineBreaksEmojiAndMarkupUntouched() {
        ValidationResult result = validator.validate(JSON.readTree("""
                {"catalogueVersion": 1, "selections": {"secretariat": []},
                 "otherServices": "Coaching\\r\\n\\tand <script>alert(1)</script> \\ud83d\\ude80"}"""));

        assertThat(result.violations()).isEmpty();
        assertThat(result.submission().otherServices()).isEqualTo("Coaching\r\n\tand <script>alert(1)</script> \uD83D\uDE80");
    }

    @Test
    void reportsEveryViolationOfABodyAtOnce() {
        ValidationResult result = validator.validate(JSON.readTree("""
                {"catalogueVersion": 1, "colour": "teal",
                 "profile": {"role": "astronaut"},
                 "selections": {"astrology": [], "secretariat": ["risk-register"]}}"""));

        assertThat(result.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("colour", "profile.role", "selections.astrology", "selections.secretariat[0]");
        assertThat(result.violations()).filteredOn(v -> v.kind() == FieldViolation.Kind.UNKNOWN_FIELD)
                .extracting(FieldViolation::field).containsExactly("colour");
    }

    @Test
    void checksTheShapeOfSelectionsEvenWhenTheCatalogueVersionIsUnknown() {
        ValidationResult result = validator.validate(JSON.readTree("""
                {"catalogueVersion": 9, "selections": {"anything": ["x", "x"], "other": 3}}"""));

        assertThat(result.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("catalogueVersion", "selections.anything[1]", "selections.other");
    }
}
