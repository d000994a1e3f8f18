package org.pmoresearch.catalogue.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param publishRetryInterval how often versions that Kafka has not yet acknowledged are published again
 * @param importMaxSize        the largest import file accepted
 */
@Validated
@ConfigurationProperties("pmo.catalogue")
public record CatalogueProperties(@NotNull @DefaultValue("30s") Duration publishRetryInterval,
                                  @NotNull @DefaultValue("2MB") DataSize importMaxSize) {
}
