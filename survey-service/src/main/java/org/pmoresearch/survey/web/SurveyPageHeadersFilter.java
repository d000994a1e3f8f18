package org.pmoresearch.survey.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;

/**
 * Browser hardening for the survey pages. The pages insert every text with textContent; the policy
 * makes sure that even a slip could not run injected script, and lets the pages fetch only this
 * origin and analytics (the live figures on the completion page).
 */
class SurveyPageHeadersFilter extends OncePerRequestFilter {

    private final String contentSecurityPolicy;

    SurveyPageHeadersFilter(String analyticsBaseUrl) {
        String analyticsOrigin = analyticsBaseUrl.isEmpty() ? "" : " " + origin(analyticsBaseUrl);
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                + "connect-src 'self'" + analyticsOrigin + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // The completion page links to the respondent's own workbook; nothing of the page should travel on.
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
