package org.pmoresearch.analytics.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.pmoresearch.analytics.domain.HotspotRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How analytics counts and publishes (prefix {@code pmo.analytics}).
 * @param minCellSize k: public segment answers hide any cell with fewer respondents
 * @param catalogueWait how long a response to an unseen catalogue version waits for it before it is dead-lettered
 * @param lagInterval how often {@code pmo.consumer.lag} is measured
 * @param applyThreads how many partitions of a consumed batch, or of a rebuild's poll, are applied at once
 */
@Validated
@ConfigurationProperties("pmo.analytics")
public record AnalyticsProperties(
        @DefaultValue("5") @Min(1) int minCellSize,
        @DefaultValue @Valid @NotNull Bands bands,
        @DefaultValue("10s") @NotNull Duration catalogueWait,
        @DefaultValue("5s") @NotNull Duration lagInterval,
        @DefaultValue("4") @Min(1) @Max(64) int applyThreads,
        @DefaultValue @Valid @NotNull Live live) {

    public HotspotRules rules() {
        return new HotspotRules(minCellSize, bands.core(), bands.common());
    }

    /** Band thresholds in percent of the respondents: core at or above {@code core}, common at or above {@code common}. */
    public record Bands(
            @DefaultValue("75") @DecimalMin("0") @DecimalMax("100") double core,
            @DefaultValue("40") @DecimalMin("0") @DecimalMax("100") double common) {

        @AssertTrue(message = "common must be above 0 and below core")
        public boolean isOrdered() {
            return common > 0 && common < core;
        }
    }

    /**
     * The live dashboard stream.
     * @param pollInterval how often the store is asked whether any instance stored new counts
     * @param heartbeat how often an idle stream gets a comment, so proxies keep it open
     * @param clientTimeout after this a stream is closed; the browser reconnects by itself
     * @param maxClients streams served at once by this instance; more get 503
     * @param senderThreads threads writing events to the streams
     */
    public record Live(
            @DefaultValue(Live.DEFAULT_POLL_INTERVAL) @NotNull Duration pollInterval,
            @DefaultValue("15s") @NotNull Duration heartbeat,
            @DefaultValue("30m") @NotNull Duration clientTimeout,
            @DefaultValue("500") @Min(1) int maxClients,
            @DefaultValue("4") @Min(1) @Max(64) int senderThreads) {

        /**
         * A poll is one small query (the partitions' last offsets), about as costly as a ping of the store
         * ({@code VersionPollBenchmark}); the dashboard waits up to this long behind a counts write.
         */
        public static final String DEFAULT_POLL_INTERVAL = "100ms";

        /** For {@code @Scheduled}: the configured poll interval, or the default. */
        public static final String POLL_INTERVAL = "${pmo.analytics.live.poll-interval:" + DEFAULT_POLL_INTERVAL + "}";
    }
}
