package org.pmoresearch.analytics.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The HMAC key behind report tokens (env PMO_REPORT_TOKEN_SECRET), the same as survey-service's. There is
 * no default: a committed secret would let anyone read anyone's response, so start-up fails without one.
 */
@Validated
@ConfigurationProperties("pmo.report-token")
public record ReportTokenProperties(@NotBlank @Size(min = 32) String secret) {
}
