package org.pmoresearch.export.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Where analytics-service answers {@code GET /api/hotspots}. The timeouts are short because an export
 * request waits on them: a slow analytics must turn into a quick 503, not a hung download.
 */
@Validated
@ConfigurationProperties("pmo.analytics")
public record AnalyticsProperties(@NotNull URI baseUrl, @NotNull Duration connectTimeout, @NotNull Duration readTimeout) {
}
