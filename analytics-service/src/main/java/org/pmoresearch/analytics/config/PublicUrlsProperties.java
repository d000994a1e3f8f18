package org.pmoresearch.analytics.config;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Base URLs the dashboard links to (env PMO_PUBLIC_SURVEY_URL, PMO_PUBLIC_EXPORT_URL). Empty, the default,
 * means the dashboard's own origin, which is what a path-routing front door gives.
 */
@Validated
@ConfigurationProperties("pmo.public-urls")
public record PublicUrlsProperties(
        @Pattern(regexp = ABSOLUTE_URL_OR_EMPTY, message = "must be empty or an absolute http(s) URL") String survey,
        @Pattern(regexp = ABSOLUTE_URL_OR_EMPTY, message = "must be empty or an absolute http(s) URL") String export) {

    static final String ABSOLUTE_URL_OR_EMPTY = "^$|^https?://[^\\s/?#]+(/[^\\s?#]*)?$";

    public PublicUrlsProperties {
        survey = withoutTrailingSlash(survey);
        export = withoutTrailingSlash(export);
    }

    private static String withoutTrailingSlash(String url) {
        String value = url == null ? "" : url.strip();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
