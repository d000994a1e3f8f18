package org.pmoresearch.survey.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Instant;
import java.util.Map;

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

    /**
     * The variables the launcher, compose and the operations guide use, read through the service's own
     * application.yml as the process environment: a name that binds to nothing would leave the default in place.
     */
    @Test
    void theDocumentedEnvironmentVariablesReachTheirSettings() {
        Map<String, Object> environment = Map.of(
                "PMO_PUBLIC_ANALYTICS_URL", "http://192.168.1.20:8083",
                "PMO_PUBLIC_EXPORT_URL", "http://192.168.1.20:8084/",
                "PMO_SURVEY_OPENS_AT", "2027-03-01T09:00:00Z",
                "PMO_SURVEY_CLOSES_AT", "2027-03-31T17:00:00Z",
                "PMO_SURVEY_MAX_RESPONSES", "5000",
                "PMO_RATE_LIMIT_PER_MINUTE", "120",
                "PMO_RATE_LIMIT_BURST", "20",
                "PMO_RATE_LIMIT_TRUSTED_PROXIES", "10.0.0.0/8",
                "PMO_RATE_LIMIT_MAX_TRACKED_ADDRESSES", "1000");
        contextRunner
                .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                environment)))
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .run(context -> {
                    assertThat(context.getBean(PublicUrlsProperties.class))
                            .isEqualTo(new PublicUrlsProperties("http://192.168.1.20:8083", "http://192.168.1.20:8084"));
                    assertThat(context.getBean(SurveyWindowProperties.class)).isEqualTo(new SurveyWindowProperties(
                            Instant.parse("2027-03-01T09:00:00Z"), Instant.parse("2027-03-31T17:00:00Z"), 5000L));
                    RateLimitProperties rateLimit = context.getBean(RateLimitProperties.class);
                    assertThat(rateLimit.perMinute()).isEqualTo(120);
                    assertThat(rateLimit.burst()).isEqualTo(20);
                    assertThat(rateLimit.trustedProxies()).containsExactly("10.0.0.0/8");
                    assertThat(rateLimit.maxTrackedAddresses()).isEqualTo(1000);
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SurveyWindowProperties.class, RateLimitProperties.class, PublicUrlsProperties.class})
    static class PropertiesOnly {
    }
}
