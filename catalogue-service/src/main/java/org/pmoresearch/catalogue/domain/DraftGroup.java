package org.pmoresearch.catalogue.domain;

import java.util.List;

/** A group in the draft, with its service areas in display order (retired ones included). */
public record DraftGroup(String id, String name, String description, boolean retired, List<DraftArea> areas) {

    public DraftGroup {
        areas = List.copyOf(areas);
    }
}
