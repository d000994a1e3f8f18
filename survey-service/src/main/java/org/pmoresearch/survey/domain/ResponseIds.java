package org.pmoresearch.survey.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Response ids are UUIDs chosen by the client; only the canonical 8-4-4-4-12 hex form is accepted. */
public final class ResponseIds {

    // UUID.fromString alone also accepts short forms such as "1-1-1-1-1".
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ResponseIds() {
    }

    public static Optional<UUID> parse(String value) {
        if (value == null || !CANONICAL_UUID.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(value.toLowerCase(Locale.ROOT)));
    }
}
