package org.pmoresearch.survey.config;

import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.survey.domain.CatalogueRegistry;
import org.pmoresearch.survey.domain.ProfileQuestion;
import org.pmoresearch.survey.domain.ProfileQuestions;
import org.pmoresearch.survey.domain.SubmissionValidator;
import org.pmoresearch.survey.domain.SurveyWindow;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

@Configuration(proxyBeanMethods = false)
public class SurveyConfiguration {

    /** Shipped by the contracts module, so every service offers and accepts the same answers. */
    private static final String PROFILE_QUESTIONS_RESOURCE = "/profile-questions.json";

    @Bean
    CatalogueRegistry catalogueRegistry() {
        return new CatalogueRegistry();
    }

    @Bean
    ProfileQuestions profileQuestions(JsonMapper jsonMapper) {
        try (InputStream in = ProfileQuestions.class.getResourceAsStream(PROFILE_QUESTIONS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PROFILE_QUESTIONS_RESOURCE + " is missing from the classpath");
            }
            return new ProfileQuestions(jsonMapper.readValue(in, new TypeReference<List<ProfileQuestion>>() { }));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PROFILE_QUESTIONS_RESOURCE, e);
        }
    }

    @Bean
    SubmissionValidator submissionValidator(CatalogueRegistry catalogueRegistry, ProfileQuestions profileQuestions) {
        return new SubmissionValidator(catalogueRegistry, profileQuestions);
    }

    @Bean
    ReportTokens reportTokens(ReportTokenProperties properties) {
        return new ReportTokens(properties.secret());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SurveyWindow surveyWindow(SurveyWindowProperties properties, Clock clock) {
        return new SurveyWindow(properties.opensAt(), properties.closesAt(), properties.maxResponses(), clock);
    }
}
