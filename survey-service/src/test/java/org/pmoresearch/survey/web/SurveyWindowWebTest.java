package org.pmoresearch.survey.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.survey.TestCatalogues;
import org.pmoresearch.survey.config.PublicUrlsProperties;
import org.pmoresearch.survey.config.RateLimitProperties;
import org.pmoresearch.survey.config.ReportTokenProperties;
import org.pmoresearch.survey.config.SurveyConfiguration;
import org.pmoresearch.survey.config.SurveyWindowProperties;
import org.pmoresearch.survey.domain.CatalogueRegistry;
import org.pmoresearch.survey.messaging.BrokerUnavailableException;
import org.pmoresearch.survey.messaging.ResponseEventPublisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The survey window over HTTP: 410 before it opens, after it closes and once the cap is reached.
 * Kafka is out of the picture here (the publisher is a mock that acknowledges), since what is
 * checked is the decision made before publishing; the publish path runs against real brokers in
 * the integration tests.
 */
@WebMvcTest(controllers = {ResponseController.class, SurveyController.class}, properties = {
        "pmo.report-token.secret=window-test-report-token-secret-0000",
        "pmo.survey.opens-at=2027-03-01T09:00:00Z",
        "pmo.survey.closes-at=2027-03-31T17:00:00Z",
        "pmo.survey.max-responses=2"})
@Import({SurveyConfiguration.class, SubmissionRequestParser.class, ResponseMetrics.class, SimpleMeterRegistry.class,
        SurveyWindowWebTest.Properties.class})
class SurveyWindowWebTest {

    private static final String VALID_BODY = """
            {"catalogueVersion": 1, "selections": {"secretariat": ["minutes"]}}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    CatalogueRegistry catalogues;

    @Autowired
    ReportTokens reportTokens;

    @Autowired
    MeterRegistry meterRegistry;

    @MockitoBean
    Clock clock;

    @MockitoBean
    ResponseEventPublisher publisher;

    /** Slices leave the application's @ConfigurationPropertiesScan out. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ReportTokenProperties.class, SurveyWindowProperties.class, PublicUrlsProperties.class,
            RateLimitProperties.class})
    static class Properties {
    }

    @BeforeEach
    void catalogueVersionOneIsLoaded() {
        catalogues.register(TestCatalogues.version(1));
    }

    @Test
    void beforeTheOpeningDateASubmissionGets410AndTheSurveySaysItIsNotOpen() throws Exception {
        now("2027-02-28T12:00:00Z");

        submit().andExpect(status().isGone())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:pmoresearch:problem:survey-not-open"))
                .andExpect(jsonPath("$.status").value(410))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").value("The survey is not open yet; it opens at 2027-03-01T09:00:00Z."))
                .andExpect(jsonPath("$.errors").isArray());
        mvc.perform(get("/api/survey"))
                .andExpect(jsonPath("$.survey.open").value(false))
                .andExpect(jsonPath("$.survey.opensAt").value("2027-03-01T09:00:00Z"))
                .andExpect(jsonPath("$.survey.closesAt").value("2027-03-31T17:00:00Z"));
    }

    @Test
    void afterTheClosingDateASubmissionGets410CountedAsSurveyClosedButAWithdrawalIsStillAccepted() throws Exception {
        now("2027-04-01T00:00:00Z");
        double closedBefore = rejected("survey-closed");
        UUID responseId = UUID.randomUUID();

        submit().andExpect(status().isGone())
                .andExpect(jsonPath("$.type").value("urn:pmoresearch:problem:survey-closed"));
        mvc.perform(post("/api/responses/{id}/withdraw", responseId).header("X-Report-Token", reportTokens.issue(responseId)))
                .andExpect(status().isAccepted());

        assertThat(rejected("survey-closed")).isEqualTo(closedBefore + 1);
    }

    @Test
    void whileOpenTheCapAcceptsThatManyResponsesThenAnswers410AndAPlaceIsGivenBackWhenKafkaFails() throws Exception {
        now("2027-03-15T12:00:00Z");
        mvc.perform(get("/api/survey")).andExpect(jsonPath("$.survey.open").value(true));
        doThrow(new BrokerUnavailableException("broker gone", null)).doNothing()
                .when(publisher).publishSubmitted(any(), any());

        submit().andExpect(status().isServiceUnavailable());
        submit().andExpect(status().isAccepted());
        submit().andExpect(status().isAccepted());

        submit().andExpect(status().isGone())
                .andExpect(jsonPath("$.type").value("urn:pmoresearch:problem:response-cap-reached"))
                .andExpect(jsonPath("$.errors").isArray());
        mvc.perform(get("/api/survey")).andExpect(jsonPath("$.survey.open").value(false));
    }

    private ResultActions submit() throws Exception {
        return mvc.perform(post("/api/responses")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .content(VALID_BODY));
    }

    private void now(String instant) {
        when(clock.instant()).thenReturn(Instant.parse(instant));
    }

    private double rejected(String reason) {
        return meterRegistry.counter("pmo.responses.rejected", "reason", reason).count();
    }
}
