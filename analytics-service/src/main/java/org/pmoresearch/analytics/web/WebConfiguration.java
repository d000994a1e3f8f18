package org.pmoresearch.analytics.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;

/** The dashboard's routes (static files under static/dashboard/) and its browser hardening. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final String DASHBOARD = "/dashboard/";

    /**
     * The page inserts every text with textContent and loads scripts only from this origin; the policy makes
     * sure that even a slip could not run injected script.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/dashboard", DASHBOARD);
        registry.addViewController(DASHBOARD).setViewName("forward:" + DASHBOARD + "index.html");
    }

    /**
     * Stands in for Boot's form filter so that none is registered (see the registration below): no endpoint reads a
     * form body, and parsing one for PUT, PATCH and DELETE, before authentication, could only turn a malformed body
     * into a 500.
     */
    @Bean
    FormContentFilter unusedFormContentFilter() {
        return new FormContentFilter();
    }

    @Bean
    FilterRegistrationBean<FormContentFilter> unusedFormContentFilterRegistration(FormContentFilter unusedFormContentFilter) {
        FilterRegistrationBean<FormContentFilter> registration = new FilterRegistrationBean<>(unusedFormContentFilter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> dashboardHeaders() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.setHeader("Referrer-Policy", "no-referrer");
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/dashboard/*");
        return registration;
    }
}
