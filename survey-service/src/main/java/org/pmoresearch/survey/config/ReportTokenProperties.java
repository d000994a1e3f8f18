package org.pmoresearch.survey.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The HMAC key behind report tokens. There is no default: a committed secret would let anyone
 * withdraw anyone's response, so start-up fails until one of at least 32 characters is configured.
 */
@Validated
@ConfigurationProperties("pmo.report-token")
public record ReportTokenProperties(@NotBlank @Size(min = 32) String secret) {
}
