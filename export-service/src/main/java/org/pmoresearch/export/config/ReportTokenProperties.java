package org.pmoresearch.export.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The HMAC key survey-service signs report tokens with; export checks a respondent's token with the same key
 * before it asks analytics for anything. No default: start-up fails until one of at least 32 characters is set.
 */
@Validated
@ConfigurationProperties("pmo.report-token")
public record ReportTokenProperties(@NotBlank @Size(min = 32) String secret) {
}
