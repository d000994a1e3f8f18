package org.pmoresearch.analytics.config;

import org.pmoresearch.analytics.domain.HotspotRules;
import org.pmoresearch.analytics.domain.ProfileDimensions;
import org.pmoresearch.contracts.ReportTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** The domain's configured pieces; scheduling drives the live poll and the lag gauge. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AnalyticsConfiguration {

    @Bean
    ProfileDimensions profileDimensions(JsonMapper json) {
        return ProfileDimensions.load(json);
    }

    @Bean
    HotspotRules hotspotRules(AnalyticsProperties properties) {
        return properties.rules();
    }

    @Bean
    ReportTokens reportTokens(ReportTokenProperties properties) {
        return new ReportTokens(properties.secret());
    }
}
