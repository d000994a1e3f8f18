package org.pmoresearch.catalogue.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What happened to an item between two published versions, in the order a changelog lists them. */
public enum ChangeType {
    ADDED, RESTORED, RENAMED, DESCRIBED, MOVED, REORDERED, RETIRED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
