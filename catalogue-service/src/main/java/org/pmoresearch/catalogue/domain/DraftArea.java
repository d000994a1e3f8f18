package org.pmoresearch.catalogue.domain;

import java.util.List;

/** A service area in the draft, with its tasks in display order (retired ones included). */
public record DraftArea(String id, String name, String description, boolean retired, List<DraftTask> tasks) {

    public DraftArea {
        tasks = List.copyOf(tasks);
    }
}
