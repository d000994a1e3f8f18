package org.pmoresearch.catalogue.domain;

import java.util.List;

/**
 * A group, area or task as an import file gives it, before any rule is checked: ids, names and descriptions
 * exactly as written, with where they were written so that every problem can point at its line and field.
 *
 * @param id null when the file gives none: the import then keeps the id of the item with that name in the same
 *           parent, or makes a new one from the name
 */
public record ImportedItem(ItemKind kind, int line, Fields fields, String id, String name, String description,
                           boolean retired, List<ImportedItem> children) {

    public ImportedItem {
        children = List.copyOf(children);
    }

    /** The names of the file's fields that hold this item's id, name and description (CSV columns or JSON paths). */
    public record Fields(String id, String name, String description) {
    }
}
