package org.pmoresearch.export.config;

import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.export.domain.ProfileDimensions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class ExportConfiguration {

    @Bean
    ProfileDimensions profileDimensions(JsonMapper jsonMapper) {
        return ProfileDimensions.fromContracts(jsonMapper);
    }

    @Bean
    ReportTokens reportTokens(ReportTokenProperties properties) {
        return new ReportTokens(properties.secret());
    }
}
