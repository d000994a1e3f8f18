package org.pmoresearch.catalogue.domain;

import java.util.Locale;

/** The kinds of draft edit, as the {@code operation} tag of {@code pmo.catalogue.draft.edits} names them. */
public enum EditOperation {
    ADD, UPDATE, MOVE, REORDER, RETIRE, RESTORE, IMPORT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
