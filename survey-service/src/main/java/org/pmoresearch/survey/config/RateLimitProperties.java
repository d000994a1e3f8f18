package org.pmoresearch.survey.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * The token bucket that limits POSTs to /api/responses/** per client address.
 * <p>
 * Defaults: a burst of 100 and 600 a minute (10 a second) per address. A room of 300 people behind
 * one venue Wi-Fi address who all press Submit in the same second get 100 answers at once and the
 * other 200 within 20 seconds, the page retrying after Retry-After, so the whole room is in within
 * a minute. A script flooding from one address gets at most 700 requests through in its first
 * minute and 600 in every minute after, instead of the thousands a second it could send.
 *
 * @param burst               requests one address may send at once (the bucket's capacity)
 * @param perMinute           sustained requests per minute per address (the refill rate)
 * @param trustedProxies      CIDR blocks of reverse proxies whose X-Forwarded-For is believed; empty means the
 *                            socket address is always the client
 * @param maxTrackedAddresses addresses with their own bucket; beyond that, new addresses share one bucket so
 *                            that memory stays bounded however many addresses a flood rotates through
 */
@Validated
@ConfigurationProperties("pmo.rate-limit")
public record RateLimitProperties(
        @DefaultValue("100") @Positive int burst,
        @DefaultValue("600") @Positive int perMinute,
        @DefaultValue @NotNull List<String> trustedProxies,
        @DefaultValue("50000") @Positive int maxTrackedAddresses) {

    public RateLimitProperties {
        trustedProxies = List.copyOf(trustedProxies);
    }
}
