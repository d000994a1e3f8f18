package org.pmoresearch.export.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the workbooks are shaped and fed.
 *
 * @param gapThresholdPercent     a task the respondent does not do counts as a gap when at least this share of PMOs do it
 * @param worthDevelopingNextSize how many missing tasks the personal "Worth developing next" list names
 * @param adminPageSize           responses per page read from analytics for the admin exports (analytics allows up to 5000)
 * @param cachedPublicWorkbooks   how many built public workbooks (per filter and version) stay in memory
 */
@Validated
@ConfigurationProperties("pmo.export")
public record ExportProperties(
        @DefaultValue("50") @DecimalMin("0") @DecimalMax("100") double gapThresholdPercent,
        @DefaultValue("10") @Min(1) @Max(100) int worthDevelopingNextSize,
        @DefaultValue("1000") @Min(1) @Max(5000) int adminPageSize,
        @DefaultValue("16") @Min(1) @Max(256) int cachedPublicWorkbooks) {
}
