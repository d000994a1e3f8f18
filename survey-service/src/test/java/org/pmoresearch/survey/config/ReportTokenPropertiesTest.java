package org.pmoresearch.survey.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTokenPropertiesTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void startUpFailsWithoutASecret() {
        contextRunner.run(context -> assertThat(context).getFailure()
                .hasRootCauseInstanceOf(BindValidationException.class));
    }

    @Test
    void startUpFailsWithASecretShorterThan32Characters() {
        contextRunner.withPropertyValues("pmo.report-token.secret=" + "s".repeat(31))
                .run(context -> assertThat(context).getFailure()
                        .hasRootCauseInstanceOf(BindValidationException.class)
                        .hasStackTraceContaining("secret"));
    }

    @Test
    void startsWithASecretOf32Characters() {
        contextRunner.withPropertyValues("pmo.report-token.secret=" + "s".repeat(32))
                .run(context -> assertThat(context.getBean(ReportTokenProperties.class).secret()).hasSize(32));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReportTokenProperties.class)
    static class PropertiesOnly {
    }
}
