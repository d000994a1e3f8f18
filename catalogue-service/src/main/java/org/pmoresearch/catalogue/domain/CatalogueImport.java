package org.pmoresearch.catalogue.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns an imported file into the draft that replaces the current one, or rejects it listing every problem.
 * The rules: every name present, every id a slug used once, no id given to something of another kind, no id of
 * a retired item given to an item that is not retired (restore the item instead), and every item that has ever
 * been published still present (marked retired if it is no longer wanted): retiring never deletes.
 */
public final class CatalogueImport {

    private final CatalogueDraft current;
    private final CatalogueHistory history;
    private final List<ImportProblem> problems;
    /** For each id the file gives, the item that gives it first: any other item giving it is a duplicate. */
    private final Map<String, ImportedItem> explicitIds = new HashMap<>();
    private final Map<ImportedItem, String> assignedIds = new IdentityHashMap<>();

    private CatalogueImport(CatalogueDraft current, ImportedCatalogue imported) {
        this.current = current;
        this.history = current.history();
        this.problems = new ArrayList<>(imported.problems());
    }

    /**
     * @param current the draft being replaced, with the ids of every published version
     * @return the new draft's groups
     * @throws ImportRejectedException with every problem, if there is any
     */
    public static List<DraftGroup> apply(CatalogueDraft current, ImportedCatalogue imported) {
        return new CatalogueImport(current, imported).run(imported.groups());
    }

    private List<DraftGroup> run(List<ImportedItem> groups) {
        if (groups.isEmpty() && problems.isEmpty()) {
            problems.add(new ImportProblem(null, "groups", "the file has no groups"));
        }
        forEach(groups, item -> {
            if (hasId(item)) {
                explicitIds.merge(item.id(), item, (first, other) -> other.line() < first.line() ? other : first);
            }
        });
        forEach(groups, this::check);
        assignIds(groups, null);
        reportMissingPublishedItems();
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(ImportProblem::line, Comparator.nullsLast(Comparator.naturalOrder())));
            throw new ImportRejectedException(problems);
        }
        return groups.stream()
                .map(group -> new DraftGroup(assignedIds.get(group), ItemTexts.name(group.name()),
                        ItemTexts.description(group.description()), group.retired(), group.children().stream()
                        .map(area -> new DraftArea(assignedIds.get(area), ItemTexts.name(area.name()),
                                ItemTexts.description(area.description()), area.retired(), area.children().stream()
                                .map(task -> new DraftTask(assignedIds.get(task), ItemTexts.name(task.name()),
                                        ItemTexts.description(task.description()), task.retired()))
                                .toList()))
                        .toList()))
                .toList();
    }

    private void check(ImportedItem item) {
        ItemTexts.nameProblem(ItemTexts.name(item.name()))
                .ifPresent(reason -> problem(item, item.fields().name(), reason));
        ItemTexts.descriptionProblem(ItemTexts.description(item.description()))
                .ifPresent(reason -> problem(item, item.fields().description(), reason));
        if (hasId(item)) {
            idProblem(item).ifPresent(reason -> problem(item, item.fields().id(), reason));
        }
    }

    private Optional<String> idProblem(ImportedItem item) {
        String id = item.id();
        if (!Slugs.isSlug(id)) {
            return Optional.of("'" + id + "' is not an id: use lowercase letters, digits and single hyphens, at most "
                    + Slugs.MAX_LENGTH + " characters");
        }
        ImportedItem first = explicitIds.get(id);
        if (first != item) {
            return Optional.of("'" + id + "' is already used on line " + first.line());
        }
        Optional<CatalogueDraft.ItemState> inDraft = current.item(id);
        ItemKind knownKind = inDraft.map(CatalogueDraft.ItemState::kind).or(() -> history.kindOf(id)).orElse(null);
        if (knownKind != null && knownKind != item.kind()) {
            return Optional.of("'" + id + "' is the id of a " + knownKind.label() + "; an id is never reused for something else");
        }
        if (item.retired()) {
            return Optional.empty();
        }
        if (inDraft.isPresent() && inDraft.get().retired()) {
            return Optional.of("'" + id + "' is the id of retired " + inDraft.get().describe()
                    + ": restore it in the draft, or mark this row retired, or give it a new id");
        }
        if (inDraft.isEmpty() && history.contains(id)) {
            return Optional.of("'" + id + "' was the id of a published " + knownKind.label() + " that has been retired; ids are never reused");
        }
        return Optional.empty();
    }

    /** Explicit ids as given; an item without one keeps the id of its namesake in the same parent, or gets a new one. */
    private void assignIds(List<ImportedItem> items, String parentId) {
        for (ImportedItem item : items) {
            String id = hasId(item) ? item.id() : namesakeOf(item, parentId).orElseGet(() -> newId(item));
            assignedIds.put(item, id);
            assignIds(item.children(), id);
        }
    }

    private Optional<String> namesakeOf(ImportedItem item, String parentId) {
        String name = ItemTexts.name(item.name());
        Set<String> claimed = new HashSet<>(assignedIds.values());
        return current.items().stream()
                .filter(existing -> existing.kind() == item.kind() && existing.name().equals(name)
                        && Objects.equals(existing.parentId(), parentId)
                        && (item.retired() || !existing.retired())
                        && !explicitIds.containsKey(existing.id()) && !claimed.contains(existing.id()))
                .map(CatalogueDraft.ItemState::id)
                .findFirst();
    }

    private String newId(ImportedItem item) {
        return Slugs.unique(ItemTexts.name(item.name()), item.kind().label(), candidate ->
                current.item(candidate).isPresent() || history.contains(candidate)
                        || explicitIds.containsKey(candidate) || assignedIds.containsValue(candidate));
    }

    private void reportMissingPublishedItems() {
        Set<String> imported = new HashSet<>(assignedIds.values());
        current.items().stream()
                .filter(item -> history.contains(item.id()) && !imported.contains(item.id()))
                .forEach(item -> problems.add(new ImportProblem(null, "id", "published " + item.describe() + " (id '"
                        + item.id() + "') is missing: keep it in the file and mark it retired, as published items are never deleted")));
    }

    private void problem(ImportedItem item, String field, String reason) {
        problems.add(new ImportProblem(item.line(), field, reason));
    }

    private static boolean hasId(ImportedItem item) {
        return item.id() != null && !item.id().isBlank();
    }

    private static void forEach(List<ImportedItem> items, Consumer<ImportedItem> action) {
        for (ImportedItem item : items) {
            action.accept(item);
            forEach(item.children(), action);
        }
    }
}
