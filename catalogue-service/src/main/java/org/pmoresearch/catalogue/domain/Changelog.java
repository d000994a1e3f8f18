package org.pmoresearch.catalogue.domain;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CatalogueTask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two published catalogues, item by item, compared by id: the changelog a version is
 * stored with, and the diff an organiser sees before publishing.
 */
public final class Changelog {

    private static final String TOP = "";

    private Changelog() {
    }

    /**
     * @param previous the previous version's groups; empty for the first version
     * @param next     the groups about to be published
     * @param history  the ids of every version so far: an item that comes back after an absence is restored, not added
     */
    public static List<CatalogueChange> between(List<CatalogueGroup> previous, List<CatalogueGroup> next,
                                                CatalogueHistory history) {
        Map<String, Entry> before = flatten(previous);
        Map<String, Entry> after = flatten(next);
        List<CatalogueChange> changes = new ArrayList<>();
        after.values().forEach(entry -> {
            Entry old = before.get(entry.id);
            if (old == null) {
                ChangeType type = history.contains(entry.id) ? ChangeType.RESTORED : ChangeType.ADDED;
                changes.add(CatalogueChange.placed(type, entry.kind, entry.id, entry.name, entry.parent));
                return;
            }
            if (!old.name.equals(entry.name)) {
                changes.add(CatalogueChange.changed(ChangeType.RENAMED, entry.kind, entry.id, entry.name, old.name, entry.name));
            }
            if (!Objects.equals(old.description, entry.description)) {
                changes.add(CatalogueChange.changed(ChangeType.DESCRIBED, entry.kind, entry.id, entry.name, old.description, entry.description));
            }
            if (!Objects.equals(old.parent, entry.parent)) {
                changes.add(CatalogueChange.changed(ChangeType.MOVED, entry.kind, entry.id, entry.name, old.parent, entry.parent));
            }
        });
        changes.addAll(reorderings(before, after));
        before.values().stream()
                .filter(entry -> !after.containsKey(entry.id))
                .forEach(entry -> changes.add(CatalogueChange.placed(ChangeType.RETIRED, entry.kind, entry.id, entry.name, entry.parent)));
        changes.sort(Comparator.comparing(CatalogueChange::type));
        return List.copyOf(changes);
    }

    /**
     * Items whose place among their siblings changed. Only siblings in the same parent in both versions are
     * compared, so adding, retiring or moving an item does not make its neighbours count as reordered.
     */
    private static List<CatalogueChange> reorderings(Map<String, Entry> before, Map<String, Entry> after) {
        Map<String, List<Entry>> stayedBefore = siblingsThatStayed(before, after);
        Map<String, List<Entry>> stayedAfter = siblingsThatStayed(after, before);
        List<CatalogueChange> changes = new ArrayList<>();
        stayedAfter.forEach((parent, siblings) -> {
            List<String> oldOrder = stayedBefore.get(parent).stream().map(Entry::id).toList();
            for (int position = 0; position < siblings.size(); position++) {
                Entry entry = siblings.get(position);
                int oldPosition = oldOrder.indexOf(entry.id);
                if (oldPosition != position) {
                    changes.add(CatalogueChange.reordered(entry.kind, entry.id, entry.name, entry.parent,
                            oldPosition + 1, position + 1));
                }
            }
        });
        return changes;
    }

    private static Map<String, List<Entry>> siblingsThatStayed(Map<String, Entry> version, Map<String, Entry> other) {
        Map<String, List<Entry>> byParent = new LinkedHashMap<>();
        version.values().stream()
                .filter(entry -> other.containsKey(entry.id) && Objects.equals(other.get(entry.id).parent, entry.parent))
                .forEach(entry -> byParent.computeIfAbsent(Objects.requireNonNullElse(entry.parent, TOP), parent -> new ArrayList<>())
                        .add(entry));
        return byParent;
    }

    /** Every item, parents before their children, in display order. */
    private static Map<String, Entry> flatten(List<CatalogueGroup> groups) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (CatalogueGroup group : groups) {
            entries.put(group.id(), new Entry(ItemKind.GROUP, group.id(), group.name(), group.description(), null));
            for (CatalogueArea area : group.areas()) {
                entries.put(area.id(), new Entry(ItemKind.AREA, area.id(), area.name(), area.description(), group.id()));
                for (CatalogueTask task : area.tasks()) {
                    entries.put(task.id(), new Entry(ItemKind.TASK, task.id(), task.name(), task.description(), area.id()));
                }
            }
        }
        return entries;
    }

    private record Entry(ItemKind kind, String id, String name, String description, String parent) {
    }
}
