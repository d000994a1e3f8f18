package org.pmoresearch.catalogue.domain;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CatalogueTask;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every id any published version has used, with its kind. Once published, an id belongs to that item for good:
 * it is never given to something else, even after the item is retired.
 */
public final class CatalogueHistory {

    private final Map<String, ItemKind> kinds;

    private CatalogueHistory(Map<String, ItemKind> kinds) {
        this.kinds = Map.copyOf(kinds);
    }

    public static CatalogueHistory empty() {
        return new CatalogueHistory(Map.of());
    }

    /** @param versions the groups of each published version */
    public static CatalogueHistory of(Collection<? extends Collection<CatalogueGroup>> versions) {
        Map<String, ItemKind> merged = new HashMap<>();
        for (Collection<CatalogueGroup> groups : versions) {
            for (CatalogueGroup group : groups) {
                merged.put(group.id(), ItemKind.GROUP);
                for (CatalogueArea area : group.areas()) {
                    merged.put(area.id(), ItemKind.AREA);
                    for (CatalogueTask task : area.tasks()) {
                        merged.put(task.id(), ItemKind.TASK);
                    }
                }
            }
        }
        return new CatalogueHistory(merged);
    }

    public boolean contains(String id) {
        return kinds.containsKey(id);
    }

    public Optional<ItemKind> kindOf(String id) {
        return Optional.ofNullable(kinds.get(id));
    }
}
