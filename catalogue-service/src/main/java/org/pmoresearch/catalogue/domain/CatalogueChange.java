package org.pmoresearch.catalogue.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a version's changelog. Which of the optional fields are present depends on the type:
 * <ul>
 *   <li>added, restored, retired: {@code parent} (absent for groups)</li>
 *   <li>renamed, described: {@code from} and {@code to} are the old and new name or description</li>
 *   <li>moved: {@code from} and {@code to} are the old and new parent's id</li>
 *   <li>reordered: {@code parent}, and {@code fromPosition}/{@code toPosition}, 1-based, counted among the
 *       siblings that are in that parent in both versions (so additions and removals alone reorder nothing)</li>
 * </ul>
 *
 * @param name the item's name in the newer version, or its last published name when it was retired
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogueChange(ChangeType type, ItemKind kind, String id, String name, String parent,
                              String from, String to, Integer fromPosition, Integer toPosition) {

    static CatalogueChange placed(ChangeType type, ItemKind kind, String id, String name, String parent) {
        return new CatalogueChange(type, kind, id, name, parent, null, null, null, null);
    }

    static CatalogueChange changed(ChangeType type, ItemKind kind, String id, String name, String from, String to) {
        return new CatalogueChange(type, kind, id, name, null, from, to, null, null);
    }

    static CatalogueChange reordered(ItemKind kind, String id, String name, String parent, int from, int to) {
        return new CatalogueChange(ChangeType.REORDERED, kind, id, name, parent, null, null, from, to);
    }
}
