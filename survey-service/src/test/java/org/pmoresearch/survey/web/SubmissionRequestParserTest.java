package org.pmoresearch.survey.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pmoresearch.survey.HostileBodies;
import org.pmoresearch.survey.HostileBodies.HostileBody;
import org.pmoresearch.survey.TestCatalogues;
import org.pmoresearch.survey.domain.CatalogueRegistry;
import org.pmoresearch.survey.domain.ProfileQuestion;
import org.pmoresearch.survey.domain.ProfileQuestions;
import org.pmoresearch.survey.domain.SubmissionValidator;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The request pipeline up to publishing (body limit, JSON parsing, validation) against hostile input. */
class SubmissionRequestParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SubmissionRequestParser parser = new SubmissionRequestParser(JSON,
            new SubmissionValidator(catalogueVersionOne(), profileQuestions()));

    static List<HostileBody> hostileBodies() {
        return HostileBodies.all();
    }

    @Test
    void theTableHoldsAtLeastThirtyHostileBodies() {
        assertThat(HostileBodies.all()).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void aHostileBodyIsRejectedWithA4xxNamingTheProblem(HostileBody body) {
        RejectedRequestException rejection = catchThrowableOfType(RejectedRequestException.class,
                () -> readAndParse(body.content()));

        assertThat(rejection).as("rejected").isNotNull();
        assertThat(rejection.status().value()).isEqualTo(body.status());
        assertThat(rejection.violations()).isNotEmpty()
                .allSatisfy(violation -> assertThat(violation.reason()).isNotBlank());
    }

    @Test
    void aValidBodyPassesTheSamePipeline() throws IOException {
        SubmissionRequestParser.ParsedSubmission parsed = readAndParse("""
                {"catalogueVersion": 1, "selections": {"secretariat": ["minutes"]},
                 "otherServices": "Tabs\\tand\\nline breaks, and <b>markup</b> kept as text"}"""
                .getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.submission().otherServices()).isEqualTo("Tabs\tand\nline breaks, and <b>markup</b> kept as text");
    }

    private SubmissionRequestParser.ParsedSubmission readAndParse(byte[] content) throws IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/responses");
        request.setContent(content);
        return parser.parse(UUID.randomUUID().toString(), LimitedBodyReader.read(request, ResponseController.MAX_BODY_BYTES));
    }

    private static CatalogueRegistry catalogueVersionOne() {
        CatalogueRegistry registry = new CatalogueRegistry();
        registry.register(TestCatalogues.version(1));
        return registry;
    }

    private static ProfileQuestions profileQuestions() {
        try (InputStream in = ProfileQuestions.class.getResourceAsStream("/profile-questions.json")) {
            return new ProfileQuestions(JSON.readValue(in, new TypeReference<List<ProfileQuestion>>() { }));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
