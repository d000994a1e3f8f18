package org.pmoresearch.analytics.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Origins whose pages may read the public hotspots from the browser (env PMO_CORS_ALLOWED_ORIGINS,
 * comma-separated); none by default.
 */
@Validated
@ConfigurationProperties("pmo.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {
}
