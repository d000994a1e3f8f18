package org.pmoresearch.catalogue.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The catalogue as one CSV table, for organisers who prepare it in a spreadsheet. One row per item, in display
 * order: a group row names only the group, an area row its group and itself, a task row its group, area and
 * itself. {@code description} and {@code retired} belong to the item the row is about. The id columns are
 * optional on import: a parent is found by its id when the row gives one, otherwise by its name. An exported
 * file imports back to the identical draft.
 */
public final class CatalogueCsv {

    public static final List<String> COLUMNS = List.of(
            "group_id", "group", "area_id", "area", "task_id", "task", "description", "retired");

    private static final List<String> REQUIRED_COLUMNS = List.of("group", "area", "task");
    private static final String YES = "yes";

    private CatalogueCsv() {
    }

    /** The draft as CSV, starting with a UTF-8 byte order mark so that spreadsheets read it as UTF-8. */
    public static String write(List<DraftGroup> groups) {
        StringBuilder out = new StringBuilder(CsvRows.byteOrderMark());
        CsvRows.append(out, COLUMNS);
        for (DraftGroup group : groups) {
            CsvRows.append(out, List.of(group.id(), group.name(), "", "", "", "", text(group.description()), flag(group.retired())));
            for (DraftArea area : group.areas()) {
                CsvRows.append(out, List.of(group.id(), group.name(), area.id(), area.name(), "", "",
                        text(area.description()), flag(area.retired())));
                for (DraftTask task : area.tasks()) {
                    CsvRows.append(out, List.of(group.id(), group.name(), area.id(), area.name(), task.id(), task.name(),
                            text(task.description()), flag(task.retired())));
                }
            }
        }
        return out.toString();
    }

    /** @throws MalformedImportException when the text is not CSV at all */
    public static ImportedCatalogue read(String text) {
        return new Reader().read(CsvRows.parse(text));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String flag(boolean retired) {
        return retired ? YES : "";
    }

    /** One import: rows are declared first, then each area and task is attached to the parent it names. */
    private static final class Reader {

        private final List<ImportProblem> problems = new ArrayList<>();
        private final List<Declared> groups = new ArrayList<>();
        private final List<Declared> areas = new ArrayList<>();
        private final List<Declared> tasks = new ArrayList<>();
        private Map<String, Integer> columns = Map.of();

        ImportedCatalogue read(List<CsvRows.Row> rows) {
            if (rows.isEmpty()) {
                return new ImportedCatalogue(List.of(), List.of(new ImportProblem(1, "group", "the file is empty: it needs a header row")));
            }
            if (!readHeader(rows.get(0))) {
                return new ImportedCatalogue(List.of(), problems);
            }
            rows.stream().skip(1).filter(row -> !row.isBlank()).forEach(this::declare);
            areas.forEach(area -> groupOf(area, "an area needs its group").ifPresent(group -> group.children.add(area)));
            tasks.forEach(task -> areaOf(task).ifPresent(area -> area.children.add(task)));
            return new ImportedCatalogue(groups.stream().map(Declared::toItem).toList(), problems);
        }

        private boolean readHeader(CsvRows.Row header) {
            Map<String, Integer> found = new LinkedHashMap<>();
            for (int i = 0; i < header.cells().size(); i++) {
                String column = header.cells().get(i).strip().toLowerCase(Locale.ROOT);
                if (!COLUMNS.contains(column)) {
                    problem(header.line(), column, "unknown column; the columns are " + String.join(", ", COLUMNS));
                } else if (found.putIfAbsent(column, i) != null) {
                    problem(header.line(), column, "the column appears twice");
                }
            }
            REQUIRED_COLUMNS.stream().filter(column -> !found.containsKey(column))
                    .forEach(column -> problem(header.line(), column, "the column is missing"));
            columns = found;
            return problems.isEmpty();
        }

        private void declare(CsvRows.Row row) {
            if (row.cells().size() > columns.size()) {
                problem(row.line(), null, "the row has " + row.cells().size() + " cells but the header has " + columns.size() + " columns");
                return;
            }
            Function<String, String> cell = column -> Optional.ofNullable(columns.get(column))
                    .filter(index -> index < row.cells().size())
                    .map(index -> row.cells().get(index).strip())
                    .orElse("");
            Boolean retired = retired(row.line(), cell.apply("retired"));
            ItemKind kind = kindOf(cell);
            if (kind == null) {
                problem(row.line(), "group", "the row names no group, area or task");
                return;
            }
            if (retired == null) {
                return;
            }
            String prefix = kind.label();
            Declared declared = new Declared(kind, row.line(), cell.apply(prefix + "_id"), cell.apply(prefix),
                    cell.apply("description"), retired, cell.apply("group_id"), cell.apply("group"),
                    cell.apply("area_id"), cell.apply("area"));
            switch (kind) {
                case GROUP -> groups.add(declared);
                case AREA -> areas.add(declared);
                case TASK -> tasks.add(declared);
            }
        }

        private static ItemKind kindOf(Function<String, String> cell) {
            for (ItemKind kind : List.of(ItemKind.TASK, ItemKind.AREA, ItemKind.GROUP)) {
                if (!cell.apply(kind.label()).isEmpty() || !cell.apply(kind.label() + "_id").isEmpty()) {
                    return kind;
                }
            }
            return null;
        }

        private Boolean retired(int line, String value) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "", "no", "false" -> {
                    return false;
                }
                case YES, "true" -> {
                    return true;
                }
                default -> {
                    problem(line, "retired", "must be yes or no (or empty), not '" + value + "'");
                    return null;
                }
            }
        }

        /** The group a row names, by group_id when it gives one, otherwise by name. */
        private Optional<Declared> groupOf(Declared row, String whenNoGroup) {
            if (!row.groupId.isEmpty()) {
                return findOne(groups, candidate -> candidate.id.equals(row.groupId), row.line, "group_id",
                        "unknown group '" + row.groupId + "': declare the group on a row of its own", null);
            }
            if (!row.groupName.isEmpty()) {
                return findOne(groups, candidate -> candidate.name.equals(row.groupName), row.line, "group",
                        "unknown group '" + row.groupName + "': declare the group on a row of its own",
                        "more than one group is named '" + row.groupName + "': give group_id");
            }
            problem(row.line, "group", whenNoGroup);
            return Optional.empty();
        }

        /** The area a task row names, by area_id when it gives one, otherwise by name within its group. */
        private Optional<Declared> areaOf(Declared task) {
            if (!task.areaId.isEmpty()) {
                return findOne(areas, candidate -> candidate.id.equals(task.areaId), task.line, "area_id",
                        "unknown area '" + task.areaId + "': declare the area on a row of its own", null);
            }
            if (task.areaName.isEmpty()) {
                problem(task.line, "area", "a task needs its area");
                return Optional.empty();
            }
            return groupOf(task, "a task whose area has no area_id needs its group").flatMap(group -> findOne(group.children,
                    candidate -> candidate.name.equals(task.areaName), task.line, "area",
                    "unknown area '" + task.areaName + "' in group '" + group.name + "': declare the area on a row of its own",
                    "more than one area of group '" + group.name + "' is named '" + task.areaName + "': give area_id"));
        }

        private Optional<Declared> findOne(List<Declared> candidates, Predicate<Declared> matches,
                                           int line, String field, String notFound, String ambiguous) {
            List<Declared> found = candidates.stream().filter(matches).toList();
            if (found.isEmpty()) {
                problem(line, field, notFound);
                return Optional.empty();
            }
            if (found.size() > 1 && ambiguous != null) {
                problem(line, field, ambiguous);
                return Optional.empty();
            }
            return Optional.of(found.get(0));
        }

        private void problem(int line, String field, String reason) {
            problems.add(new ImportProblem(line, field, reason));
        }
    }

    /** A row, with the parent it names, before it is attached to that parent. */
    private static final class Declared {
        final ItemKind kind;
        final int line;
        final String id;
        final String name;
        final String description;
        final boolean retired;
        final String groupId;
        final String groupName;
        final String areaId;
        final String areaName;
        final List<Declared> children = new ArrayList<>();

        Declared(ItemKind kind, int line, String id, String name, String description, boolean retired,
                 String groupId, String groupName, String areaId, String areaName) {
            this.kind = kind;
            this.line = line;
            this.id = id;
            this.name = name;
            this.description = description;
            this.retired = retired;
            this.groupId = groupId;
            this.groupName = groupName;
            this.areaId = areaId;
            this.areaName = areaName;
        }

        ImportedItem toItem() {
            String prefix = kind.label();
            return new ImportedItem(kind, line, new ImportedItem.Fields(prefix + "_id", prefix, "description"),
                    id.isEmpty() ? null : id, name, description, retired, children.stream().map(Declared::toItem).toList());
        }
    }
}
