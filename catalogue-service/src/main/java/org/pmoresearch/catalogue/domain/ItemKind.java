package org.pmoresearch.catalogue.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The three levels of the catalogue. Ids are unique across all three, so an id alone names an item. */
public enum ItemKind {
    GROUP, AREA, TASK;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of item this kind sits in; a group has none. */
    public ItemKind parentKind() {
        return switch (this) {
            case GROUP -> null;
            case AREA -> GROUP;
            case TASK -> AREA;
        };
    }

    /** The kind of item this kind holds; a task holds none. */
    public ItemKind childKind() {
        return switch (this) {
            case GROUP -> AREA;
            case AREA -> TASK;
            case TASK -> null;
        };
    }
}
