package org.pmoresearch.catalogue.store;

import org.pmoresearch.catalogue.domain.CatalogueChange;
import org.pmoresearch.catalogue.domain.CatalogueVersion;
import org.pmoresearch.catalogue.domain.ChangeType;
import org.pmoresearch.catalogue.domain.ItemKind;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CatalogueTask;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One published version, keyed by its number so that two instances racing to store the same
 * version collide on the primary key. The nested groups keep the event's field names.
 *
 * @param acknowledged whether Kafka has acknowledged the {@code CataloguePublished} event for this version;
 *                     the only field ever updated
 * @param changes      the changelog against the previous version; absent on versions stored before changelogs existed
 */
@Document(CatalogueVersionDocument.COLLECTION)
record CatalogueVersionDocument(
        @Id int version,
        Instant publishedAt,
        UUID eventId,
        List<Group> groups,
        boolean acknowledged,
        List<Change> changes) {

    static final String COLLECTION = "catalogue_versions";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String PUBLISHED_AT = "publishedAt";
    static final String CHANGES = "changes";

    // Spring Data would store a nested property called "id" as "_id" unless the field name is explicit.

    record Group(@Field("id") String id, String name, String description, List<Area> areas) {
    }

    record Area(@Field("id") String id, String name, String description, List<Task> tasks) {
    }

    record Task(@Field("id") String id, String name, String description) {
    }

    record Change(ChangeType type, ItemKind kind, @Field("id") String id, String name, String parent,
                  String from, String to, Integer fromPosition, Integer toPosition) {
    }

    static CatalogueVersionDocument unacknowledged(CatalogueVersion version) {
        List<Group> groups = version.groups().stream()
                .map(group -> new Group(group.id(), group.name(), group.description(), group.areas().stream()
                        .map(area -> new Area(area.id(), area.name(), area.description(), area.tasks().stream()
                                .map(task -> new Task(task.id(), task.name(), task.description()))
                                .toList()))
                        .toList()))
                .toList();
        List<Change> changes = version.changes().stream()
                .map(change -> new Change(change.type(), change.kind(), change.id(), change.name(), change.parent(),
                        change.from(), change.to(), change.fromPosition(), change.toPosition()))
                .toList();
        return new CatalogueVersionDocument(version.version(), version.publishedAt(), version.eventId(), groups, false, changes);
    }

    CatalogueVersion toDomain() {
        List<CatalogueGroup> catalogueGroups = groups.stream()
                .map(group -> new CatalogueGroup(group.id(), group.name(), group.description(), group.areas().stream()
                        .map(area -> new CatalogueArea(area.id(), area.name(), area.description(), area.tasks().stream()
                                .map(task -> new CatalogueTask(task.id(), task.name(), task.description()))
                                .toList()))
                        .toList()))
                .toList();
        List<CatalogueChange> catalogueChanges = changes == null ? List.of() : changes.stream()
                .map(change -> new CatalogueChange(change.type(), change.kind(), change.id(), change.name(), change.parent(),
                        change.from(), change.to(), change.fromPosition(), change.toPosition()))
                .toList();
        return new CatalogueVersion(version, eventId, publishedAt, catalogueGroups, catalogueChanges);
    }
}
