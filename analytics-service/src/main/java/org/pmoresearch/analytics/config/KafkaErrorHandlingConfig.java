package org.pmoresearch.analytics.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class KafkaErrorHandlingConfig {

    private static final long FIRST_RETRY_MILLIS = 200;
    private static final long MAX_RETRY_INTERVAL_MILLIS = 10_000;

    /**
     * Retries a failed responses batch without limit (a store outage): giving up would let the consumer
     * move past records that were never counted. Poison records never get here: they go to the DLQ.
     */
    @Bean
    CommonErrorHandler responsesErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY_MILLIS, 2.0);
        backOff.setMaxInterval(MAX_RETRY_INTERVAL_MILLIS);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
