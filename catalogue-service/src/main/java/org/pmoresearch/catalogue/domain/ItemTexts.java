package org.pmoresearch.catalogue.domain;

import java.util.Optional;

/**
 * Names and descriptions as the catalogue stores them: trimmed, and an empty description stored as none, so that
 * what an export writes reads back exactly.
 */
final class ItemTexts {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_DESCRIPTION_LENGTH = 2000;

    private ItemTexts() {
    }

    static String name(String raw) {
        return raw == null ? "" : raw.strip();
    }

    /** Line breaks stored as LF whatever the file used, so that a spreadsheet's CRLF does not count as a change. */
    static String description(String raw) {
        String stripped = raw == null ? "" : raw.strip().replace("\r\n", "\n").replace('\r', '\n');
        return stripped.isEmpty() ? null : stripped;
    }

    /** Why a name (already normalised) is not acceptable, if it is not. */
    static Optional<String> nameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            return Optional.of("must be on one line");
        }
        return Optional.empty();
    }

    /** Why a description (already normalised) is not acceptable, if it is not. */
    static Optional<String> descriptionProblem(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            return Optional.of("must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return Optional.empty();
    }
}
