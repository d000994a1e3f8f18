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
    static final URI CATALOGUE_ITEM_NOT_FOUND = of("catalogue-item-not-found");
    static final URI INVALID_REQUEST = of("invalid-request");
    static final URI MALFORMED_IMPORT = of("malformed-import");
    static final URI IMPORT_TOO_LARGE = of("import-too-large");
    static final URI CATALOGUE_RULE_VIOLATED = of("catalogue-rule-violated");
    static final URI IMPORT_REJECTED = of("catalogue-import-rejected");
    static final URI DRAFT_IF_MATCH_REQUIRED = of("draft-if-match-required");
    static final URI DRAFT_CHANGED = of("draft-changed");
    static final URI VERSION_CONFLICT = of("catalogue-version-conflict");

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
