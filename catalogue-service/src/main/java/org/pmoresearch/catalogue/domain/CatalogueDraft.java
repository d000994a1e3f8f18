package org.pmoresearch.catalogue.domain;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CatalogueTask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A working copy of the draft's tree for one edit. Retired items stay in their place (so that they can be
 * restored there) but are left out of what gets published. Every operation checks the catalogue's rules first
 * and changes nothing when one is broken; ids are checked against the draft and against every published version.
 */
public final class CatalogueDraft {

    private final List<Node> groups = new ArrayList<>();
    private final Map<String, Node> nodes = new HashMap<>();
    private final CatalogueHistory history;

    private CatalogueDraft(List<DraftGroup> draftGroups, CatalogueHistory history) {
        this.history = history;
        for (DraftGroup group : draftGroups) {
            Node groupNode = index(new Node(ItemKind.GROUP, group.id(), group.name(), group.description(), group.retired(), null));
            groups.add(groupNode);
            for (DraftArea area : group.areas()) {
                Node areaNode = index(new Node(ItemKind.AREA, area.id(), area.name(), area.description(), area.retired(), groupNode));
                groupNode.children.add(areaNode);
                for (DraftTask task : area.tasks()) {
                    areaNode.children.add(index(new Node(ItemKind.TASK, task.id(), task.name(), task.description(), task.retired(), areaNode)));
                }
            }
        }
    }

    public static CatalogueDraft of(List<DraftGroup> groups, CatalogueHistory history) {
        return new CatalogueDraft(groups, history);
    }

    /** The draft a published catalogue starts: the same tree, nothing retired. */
    public static List<DraftGroup> fromPublished(List<CatalogueGroup> groups) {
        return groups.stream()
                .map(group -> new DraftGroup(group.id(), group.name(), group.description(), false, group.areas().stream()
                        .map(area -> new DraftArea(area.id(), area.name(), area.description(), false, area.tasks().stream()
                                .map(task -> new DraftTask(task.id(), task.name(), task.description(), false))
                                .toList()))
                        .toList()))
                .toList();
    }

    public List<DraftGroup> groups() {
        return groups.stream()
                .map(group -> new DraftGroup(group.id, group.name, group.description, group.retired, group.children.stream()
                        .map(area -> new DraftArea(area.id, area.name, area.description, area.retired, area.children.stream()
                                .map(task -> new DraftTask(task.id, task.name, task.description, task.retired))
                                .toList()))
                        .toList()))
                .toList();
    }

    /** What publishing the draft now would publish: everything that is not retired, in order. */
    public List<CatalogueGroup> published() {
        return groups.stream().filter(group -> !group.retired)
                .map(group -> new CatalogueGroup(group.id, group.name, group.description, group.children.stream()
                        .filter(area -> !area.retired)
                        .map(area -> new CatalogueArea(area.id, area.name, area.description, area.children.stream()
                                .filter(task -> !task.retired)
                                .map(task -> new CatalogueTask(task.id, task.name, task.description))
                                .toList()))
                        .toList()))
                .toList();
    }

    /** Why the draft cannot be published as it is; empty when it can. */
    public List<Violation> publicationProblems() {
        List<Violation> problems = new ArrayList<>();
        if (groups.stream().allMatch(group -> group.retired)) {
            problems.add(new Violation("groups", "the catalogue needs at least one group that is not retired"));
        }
        groups.stream()
                .filter(group -> !group.retired && group.children.stream().allMatch(area -> area.retired))
                .forEach(group -> problems.add(new Violation(group.id,
                        "group '" + group.name + "' has no service area that is not retired")));
        return problems;
    }

    /**
     * Adds an item at the end of its parent.
     *
     * @param parentId    the group for an area, the area for a task; null for a group
     * @param requestedId the id to give it, or null to make one from the name
     * @return the new item's id
     */
    public String add(ItemKind kind, String parentId, String requestedId, String name, String description) {
        Node parent = kind == ItemKind.GROUP ? null : find(kind.parentKind(), parentId);
        List<Violation> violations = new ArrayList<>();
        if (parent != null && parent.isRetired()) {
            violations.add(new Violation("parent", parent.retirement() + ": restore it before adding to it"));
        }
        String normalisedName = ItemTexts.name(name);
        String normalisedDescription = ItemTexts.description(description);
        ItemTexts.nameProblem(normalisedName).ifPresent(reason -> violations.add(new Violation("name", reason)));
        ItemTexts.descriptionProblem(normalisedDescription).ifPresent(reason -> violations.add(new Violation("description", reason)));
        String id;
        if (requestedId == null || requestedId.isBlank()) {
            id = Slugs.unique(normalisedName, kind.label(), this::isTaken);
        } else {
            id = requestedId;
            idProblem(id).ifPresent(reason -> violations.add(new Violation("id", reason)));
        }
        reject(violations);
        Node node = index(new Node(kind, id, normalisedName, normalisedDescription, false, parent));
        siblingsOf(node).add(node);
        return id;
    }

    /** Changes an item's name and/or description; null leaves that one as it is, an empty description removes it. */
    public void update(ItemKind kind, String id, String name, String description) {
        Node node = find(kind, id);
        List<Violation> violations = new ArrayList<>();
        String normalisedName = name == null ? node.name : ItemTexts.name(name);
        String normalisedDescription = description == null ? node.description : ItemTexts.description(description);
        ItemTexts.nameProblem(normalisedName).ifPresent(reason -> violations.add(new Violation("name", reason)));
        ItemTexts.descriptionProblem(normalisedDescription).ifPresent(reason -> violations.add(new Violation("description", reason)));
        reject(violations);
        node.name = normalisedName;
        node.description = normalisedDescription;
    }

    /**
     * Moves an area to another group or a task to another area.
     *
     * @param position 1-based place among the new parent's items (retired ones count); null for the end
     */
    public void move(ItemKind kind, String id, String toParentId, Integer position) {
        if (kind == ItemKind.GROUP) {
            throw new CatalogueRuleException("id", "groups are at the top of the catalogue and cannot be moved: reorder them instead");
        }
        Node node = find(kind, id);
        Node target = find(kind.parentKind(), toParentId);
        if (target.isRetired()) {
            throw new CatalogueRuleException("to", target.retirement() + ": restore it before moving into it");
        }
        List<Node> targetItems = target.children;
        int size = target == node.parent ? targetItems.size() : targetItems.size() + 1;
        int index = position == null ? size - 1 : position - 1;
        if (index < 0 || index >= size) {
            throw new CatalogueRuleException("position", "must be between 1 and " + size);
        }
        siblingsOf(node).remove(node);
        node.parent = target;
        targetItems.add(index, node);
    }

    /**
     * Puts the items of a parent in a new order.
     *
     * @param parentId the group whose areas, or the area whose tasks, to reorder; null to reorder the groups
     * @param order    every item's id, each once, in the new order
     */
    public void reorder(String parentId, List<String> order) {
        List<Node> items;
        String whose;
        if (parentId == null) {
            items = groups;
            whose = "the catalogue";
        } else {
            Node parent = nodes.get(parentId);
            if (parent == null || parent.kind == ItemKind.TASK) {
                throw new ItemNotFoundException(null, parentId);
            }
            items = parent.children;
            whose = parent.describe();
        }
        Set<String> current = new LinkedHashSet<>(items.stream().map(node -> node.id).toList());
        Set<String> requested = new LinkedHashSet<>(order);
        if (requested.size() != order.size() || !requested.equals(current)) {
            Set<String> missing = new LinkedHashSet<>(current);
            missing.removeAll(requested);
            Set<String> unknown = new LinkedHashSet<>(requested);
            unknown.removeAll(current);
            throw new CatalogueRuleException("order", "must list each of the " + current.size() + " items of " + whose
                    + " exactly once" + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (unknown.isEmpty() ? "" : "; not in it " + unknown)
                    + (requested.size() != order.size() ? "; some are listed twice" : ""));
        }
        List<Node> reordered = order.stream().map(nodes::get).toList();
        items.clear();
        items.addAll(reordered);
    }

    /** Takes an item out of what gets published; it keeps its id and its place, and may be restored. */
    public void retire(ItemKind kind, String id) {
        Node node = find(kind, id);
        if (node.retired) {
            throw new CatalogueRuleException("id", node.describe() + " is already retired");
        }
        node.retired = true;
    }

    public void restore(ItemKind kind, String id) {
        Node node = find(kind, id);
        if (!node.retired) {
            throw new CatalogueRuleException("id", node.describe() + " is not retired");
        }
        if (node.parent != null && node.parent.isRetired()) {
            throw new CatalogueRuleException("id", node.parent.retirement() + ": restore it first");
        }
        node.retired = false;
    }

    /** The item with that id in the draft, as import checks see it. */
    Optional<ItemState> item(String id) {
        return Optional.ofNullable(nodes.get(id)).map(Node::state);
    }

    /** Every item in the draft, parents before their children. */
    List<ItemState> items() {
        List<ItemState> items = new ArrayList<>();
        for (Node group : groups) {
            items.add(group.state());
            for (Node area : group.children) {
                items.add(area.state());
                area.children.forEach(task -> items.add(task.state()));
            }
        }
        return items;
    }

    CatalogueHistory history() {
        return history;
    }

    /** Why an id cannot be given to a new item, if it cannot. */
    Optional<String> idProblem(String id) {
        if (!Slugs.isSlug(id)) {
            return Optional.of("'" + id + "' is not an id: use lowercase letters, digits and single hyphens, at most "
                    + Slugs.MAX_LENGTH + " characters");
        }
        Node existing = nodes.get(id);
        if (existing != null) {
            return Optional.of("'" + id + "' is already the id of " + existing.describe());
        }
        return history.kindOf(id).map(kind -> "'" + id + "' was the id of a published " + kind.label()
                + "; ids are never reused");
    }

    private boolean isTaken(String id) {
        return nodes.containsKey(id) || history.contains(id);
    }

    private Node find(ItemKind kind, String id) {
        Node node = id == null ? null : nodes.get(id);
        if (node == null || node.kind != kind) {
            throw new ItemNotFoundException(kind, id);
        }
        return node;
    }

    private List<Node> siblingsOf(Node node) {
        return node.parent == null ? groups : node.parent.children;
    }

    private Node index(Node node) {
        nodes.put(node.id, node);
        return node;
    }

    private static void reject(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new CatalogueRuleException(violations);
        }
    }

    /** An item of the draft as the import rules need it. */
    record ItemState(ItemKind kind, String id, String name, boolean retired, String parentId) {

        String describe() {
            return kind.label() + " '" + name + "'";
        }
    }

    private static final class Node {
        final ItemKind kind;
        final String id;
        String name;
        String description;
        boolean retired;
        Node parent;
        final List<Node> children = new ArrayList<>();

        Node(ItemKind kind, String id, String name, String description, boolean retired, Node parent) {
            this.kind = kind;
            this.id = id;
            this.name = name;
            this.description = description;
            this.retired = retired;
            this.parent = parent;
        }

        /** Retired itself or inside a retired parent: either way it is not published. */
        boolean isRetired() {
            return retired || (parent != null && parent.isRetired());
        }

        String describe() {
            return label() + (retired ? " (retired)" : "");
        }

        /** Why an item that {@link #isRetired() is retired} is: itself, or the parent it is in. */
        String retirement() {
            Node retiredOne = this;
            while (!retiredOne.retired) {
                retiredOne = retiredOne.parent;
            }
            return retiredOne == this ? label() + " is retired" : label() + " is in retired " + retiredOne.label();
        }

        private String label() {
            return kind.label() + " '" + name + "'";
        }

        ItemState state() {
            return new ItemState(kind, id, name, retired, parent == null ? null : parent.id);
        }
    }
}
