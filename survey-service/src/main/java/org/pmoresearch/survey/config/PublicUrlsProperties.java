package org.pmoresearch.survey.config;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Base URLs the respondent's browser uses to reach the other services' pages and APIs. Empty (the
 * default) means the same origin as the survey, which is what a path-routing front door gives;
 * the embedded launcher sets them to {@code http://localhost:808x}.
 */
@Validated
@ConfigurationProperties("pmo.public-urls")
public record PublicUrlsProperties(
        @Pattern(regexp = ABSOLUTE_URL_OR_EMPTY, message = "must be empty or an absolute http(s) URL") String analytics,
        @Pattern(regexp = ABSOLUTE_URL_OR_EMPTY, message = "must be empty or an absolute http(s) URL") String export) {

    static final String ABSOLUTE_URL_OR_EMPTY = "^$|^https?://[^\\s/?#]+(/[^\\s?#]*)?$";

    public PublicUrlsProperties {
        analytics = withoutTrailingSlash(analytics);
        export = withoutTrailingSlash(export);
    }

    private static String withoutTrailingSlash(String url) {
        String value = url == null ? "" : url.strip();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
