package org.pmoresearch.catalogue.store;

import org.pmoresearch.catalogue.domain.Draft;
import org.pmoresearch.catalogue.domain.DraftArea;
import org.pmoresearch.catalogue.domain.DraftGroup;
import org.pmoresearch.catalogue.domain.DraftTask;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Instant;
import java.util.List;

/**
 * The draft: one document holding the whole tree, so that every edit is a single-document replace
 * conditioned on the revision it was based on (atomic on MongoDB and on the embedded store alike).
 */
@Document(DraftDocument.COLLECTION)
record DraftDocument(@Id String id, long revision, Instant updatedAt, String updatedBy, List<Group> groups) {

    static final String COLLECTION = "catalogue_draft";
    static final String THE_DRAFT = "draft";
    static final String REVISION = "revision";

    record Group(@Field("id") String id, String name, String description, boolean retired, List<Area> areas) {
    }

    record Area(@Field("id") String id, String name, String description, boolean retired, List<Task> tasks) {
    }

    record Task(@Field("id") String id, String name, String description, boolean retired) {
    }

    static DraftDocument of(Draft draft) {
        List<Group> groups = draft.groups().stream()
                .map(group -> new Group(group.id(), group.name(), group.description(), group.retired(), group.areas().stream()
                        .map(area -> new Area(area.id(), area.name(), area.description(), area.retired(), area.tasks().stream()
                                .map(task -> new Task(task.id(), task.name(), task.description(), task.retired()))
                                .toList()))
                        .toList()))
                .toList();
        return new DraftDocument(THE_DRAFT, draft.revision(), draft.updatedAt(), draft.updatedBy(), groups);
    }

    Draft toDomain() {
        List<DraftGroup> draftGroups = groups.stream()
                .map(group -> new DraftGroup(group.id(), group.name(), group.description(), group.retired(), group.areas().stream()
                        .map(area -> new DraftArea(area.id(), area.name(), area.description(), area.retired(), area.tasks().stream()
                                .map(task -> new DraftTask(task.id(), task.name(), task.description(), task.retired()))
                                .toList()))
                        .toList()))
                .toList();
        return new Draft(revision, updatedAt, updatedBy, draftGroups);
    }
}
