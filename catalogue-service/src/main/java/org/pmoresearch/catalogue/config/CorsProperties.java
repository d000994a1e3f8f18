package org.pmoresearch.catalogue.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * @param allowedOrigins origins (e.g. {@code http://localhost:8082}) whose pages may read the public catalogue API
 *                       from the browser; env {@code PMO_CORS_ALLOWED_ORIGINS}, comma-separated
 */
@Validated
@ConfigurationProperties("pmo.cors")
public record CorsProperties(@NotNull @DefaultValue List<String> allowedOrigins) {
}
