package org.pmoresearch.catalogue.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import java.net.URI;
import java.util.Locale;

/**
 * The {@code type} of every problem+json response: a stable URN per kind of problem, so that clients can
 * tell problems apart without parsing the human-readable detail.
 */
public final class ProblemTypes {

    private static final String PREFIX = "urn:pmoresearch:problem:";

    static final URI CATALOGUE_VERSION_NOT_FOUND = of("catalogue-version-not-found");
    static final URI INVALID_REQUEST = of("invalid-request");

    private ProblemTypes() {
    }

    /** The generic type for a status without a more specific one, e.g. {@code urn:pmoresearch:problem:not-found}. */
    public static URI forStatus(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String name = known == null ? "status-" + status.value() : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return of(name);
    }

    private static URI of(String slug) {
        return URI.create(PREFIX + slug);
    }
}
