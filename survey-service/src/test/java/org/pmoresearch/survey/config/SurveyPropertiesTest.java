package org.pmoresearch.survey.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding and validation of the survey window, rate limit and public URL settings, as environment variables set them. */
class SurveyPropertiesTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void withNothingConfiguredTheSurveyIsUnboundedAndLinksAreSameOrigin() {
        contextRunner.run(context -> {
            assertThat(context.getBean(SurveyWindowProperties.class))
                    .isEqualTo(new SurveyWindowProperties(null, null, null));
            assertThat(context.getBean(PublicUrlsProperties.class)).isEqualTo(new PublicUrlsProperties("", ""));
            RateLimitProperties rateLimit = context.getBean(RateLimitProperties.class);
            assertThat(rateLimit.burst()).isEqualTo(100);
            assertThat(rateLimit.perMinute()).isEqualTo(600);
            assertThat(rateLimit.trustedProxies()).isEmpty();
            assertThat(rateLimit.maxTrackedAddresses()).isEqualTo(50_000);
        });
    }

    @Test
    void bindsTheWindowTheCapTheProxiesAndTheBaseUrls() {
        contextRunner.withPropertyValues(
                        "pmo.survey.opens-at=2027-03-01T09:00:00Z",
                        "pmo.survey.closes-at=2027-03-31T17:00:00Z",
                        "pmo.survey.max-responses=5000",
                        "pmo.rate-limit.trusted-proxies=10.0.0.0/8,fd00::/8",
                        "pmo.public-urls.analytics=http://localhost:8083/",
                        "pmo.public-urls.export=https://pmo.example.org/export")
                .run(context -> {
                    assertThat(context.getBean(SurveyWindowProperties.class)).isEqualTo(new SurveyWindowProperties(
                            Instant.parse("2027-03-01T09:00:00Z"), Instant.parse("2027-03-31T17:00:00Z"), 5000L));
                    assertThat(context.getBean(RateLimitProperties.class).trustedProxies())
                            .containsExactly("10.0.0.0/8", "fd00::/8");
                    assertThat(context.getBean(PublicUrlsProperties.class))
                            .isEqualTo(new PublicUrlsProperties("http://localhost:8083", "https://pmo.example.org/export"));
                });
    }

    @Test
    void startUpFailsWhenTheSurveyClosesBeforeItOpens() {
        contextRunner.withPropertyValues("pmo.survey.opens-at=2027-03-31T00:00:00Z", "pmo.survey.closes-at=2027-03-01T00:00:00Z")
                .run(context -> assertThat(context).getFailure()
                        .hasRootCauseInstanceOf(BindValidationException.class)
                        .hasStackTraceContaining("closes-at must be after"));
    }

    @Test
    void startUpFailsOnACapOfZero() {
        contextRunner.withPropertyValues("pmo.survey.max-responses=0")
                .run(context -> assertThat(context).getFailure().hasRootCauseInstanceOf(BindValidationException.class));
    }

    @Test
    void startUpFailsOnABaseUrlThatIsNotAnAbsoluteHttpUrl() {
        contextRunner.withPropertyValues("pmo.public-urls.analytics=javascript:alert(1)")
                .run(context -> assertThat(context).getFailure()
                        .hasRootCauseInstanceOf(BindValidationException.class)
                        .hasStackTraceContaining("analytics"));
    }

    @Test
    void startUpFailsOnANonPositiveRate() {
        contextRunner.withPropertyValues("pmo.rate-limit.per-minute=0")
                .run(context -> assertThat(context).getFailure().hasRootCauseInstanceOf(BindValidationException.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SurveyWindowProperties.class, RateLimitProperties.class, PublicUrlsProperties.class})
    static class PropertiesOnly {
    }
}
