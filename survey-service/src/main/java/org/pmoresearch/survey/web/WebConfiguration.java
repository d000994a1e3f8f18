package org.pmoresearch.survey.web;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.pmoresearch.survey.config.PublicUrlsProperties;
import org.pmoresearch.survey.config.RateLimitProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The survey pages' routes and headers, and the rate limit in front of the response endpoints. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final String SURVEY_PAGE = "/survey/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", SURVEY_PAGE);
        registry.addRedirectViewController("/survey", SURVEY_PAGE);
        registry.addViewController(SURVEY_PAGE).setViewName("forward:" + SURVEY_PAGE + "index.html");
    }

    @Bean
    SurveyLinks surveyLinks(PublicUrlsProperties publicUrls) {
        return SurveyLinks.from(publicUrls);
    }

    @Bean
    ClientRateLimiter clientRateLimiter(RateLimitProperties properties, MeterRegistry meterRegistry) {
        ClientRateLimiter limiter = new ClientRateLimiter(properties.burst(), properties.perMinute(),
                properties.maxTrackedAddresses(), TimeMeter.SYSTEM_NANOTIME);
        Gauge.builder("pmo.rate-limit.tracked-addresses", limiter, ClientRateLimiter::trackedClients)
                .description("Client addresses with a rate-limit bucket of their own, held in memory only")
                .register(meterRegistry);
        return limiter;
    }

    /** Registered for the response endpoints' paths only, matched by the servlet container on the normalised path. */
    @Bean
    FilterRegistrationBean<ResponseRateLimitFilter> responseRateLimitFilter(RateLimitProperties properties,
            ClientRateLimiter limiter,
            @Lazy @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        FilterRegistrationBean<ResponseRateLimitFilter> registration = new FilterRegistrationBean<>(
                new ResponseRateLimitFilter(new ClientAddresses(properties.trustedProxies()), limiter, exceptionResolver));
        registration.addUrlPatterns("/api/responses", "/api/responses/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<SurveyPageHeadersFilter> surveyPageHeadersFilter(PublicUrlsProperties publicUrls) {
        FilterRegistrationBean<SurveyPageHeadersFilter> registration =
                new FilterRegistrationBean<>(new SurveyPageHeadersFilter(publicUrls.analytics()));
        registration.addUrlPatterns("/survey/*");
        return registration;
    }
}
