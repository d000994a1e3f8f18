package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.domain.HotspotRules;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.web.HotspotsResponse.AreaHotspot;
import org.pmoresearch.analytics.web.HotspotsResponse.TaskHotspot;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lays counts over a catalogue: every area and task of that catalogue (zero or not), then the ids counted
 * under other versions, named after the newest version that has them. Each list is ordered by count,
 * highest first, then in catalogue order, and dense-ranked by count. A public filtered answer is
 * suppressed whole when it has fewer than k respondents, and cell by cell where 0 < count < k: suppressed
 * cells show no figures, take no rank and sort after every shown count above zero.
 */
final class HotspotsAssembler {

    private final HotspotRules rules;

    HotspotsAssembler(HotspotRules rules) {
        this.rules = rules;
    }

    /** Who the answer is for: the public unfiltered totals, a public filtered answer, or an admin. */
    enum Publication {
        UNFILTERED, PUBLIC_FILTERED, ADMIN
    }

    /** @param totalResponses null when suppressed as a whole */
    record Assembled(Long totalResponses, boolean suppressed, List<AreaHotspot> areas) {
    }

    /**
     * @param shown the catalogue to lay the counts over, or null before any is known
     * @param newestFirst every known catalogue version, for the names of ids the shown one lacks
     */
    Assembled assemble(SelectionCounts counts, CataloguePublished shown, List<CataloguePublished> newestFirst,
            Publication publication) {
        long total = counts.totalResponses();
        Names names = Names.of(newestFirst);
        Map<String, ShownArea> shownAreas = shownAreas(shown);
        if (publication == Publication.PUBLIC_FILTERED && total < rules.minCellSize()) {
            return new Assembled(null, true, suppressedWhole(shownAreas));
        }
        Set<String> areaIds = new LinkedHashSet<>(shownAreas.keySet());
        areaIds.addAll(new TreeSet<>(counts.areas().keySet()));

        List<Cell> areaCells = new ArrayList<>();
        for (String areaId : areaIds) {
            areaCells.add(new Cell(areaId, counts.areaCount(areaId), areaCells.size()));
        }
        Ranking areaRanking = rank(areaCells, publication);
        List<AreaHotspot> areas = new ArrayList<>();
        for (Cell cell : areaRanking.ordered()) {
            ShownArea shownArea = shownAreas.get(cell.id());
            String name = shownArea != null ? shownArea.area().name() : names.area(cell.id());
            List<TaskHotspot> tasks = tasks(cell.id(), shownArea, counts, total, names, publication);
            if (areaRanking.isSuppressed(cell)) {
                areas.add(new AreaHotspot(cell.id(), name, groupId(shownArea), null, null, null, null, true, tasks));
            } else {
                areas.add(new AreaHotspot(cell.id(), name, groupId(shownArea), cell.count(),
                        percentage(cell.count(), total), areaRanking.rankOf(cell),
                        rules.band(cell.count(), total).id(), false, tasks));
            }
        }
        return new Assembled(total, false, areas);
    }

    private List<TaskHotspot> tasks(String areaId, ShownArea shownArea, SelectionCounts counts, long total,
            Names names, Publication publication) {
        Map<String, String> shownTasks = new LinkedHashMap<>();
        if (shownArea != null && shownArea.area().tasks() != null) {
            shownArea.area().tasks().forEach(task -> shownTasks.put(task.id(), task.name()));
        }
        Set<String> taskIds = new LinkedHashSet<>(shownTasks.keySet());
        SelectionCounts.AreaCount areaCount = counts.areas().get(areaId);
        if (areaCount != null) {
            taskIds.addAll(new TreeSet<>(areaCount.tasks().keySet()));
        }
        List<Cell> cells = new ArrayList<>();
        for (String taskId : taskIds) {
            cells.add(new Cell(taskId, counts.taskCount(areaId, taskId), cells.size()));
        }
        Ranking ranking = rank(cells, publication);
        List<TaskHotspot> tasks = new ArrayList<>();
        for (Cell cell : ranking.ordered()) {
            String name = shownTasks.containsKey(cell.id()) ? shownTasks.get(cell.id()) : names.task(cell.id());
            if (ranking.isSuppressed(cell)) {
                tasks.add(new TaskHotspot(cell.id(), name, null, null, null, null, true));
            } else {
                tasks.add(new TaskHotspot(cell.id(), name, cell.count(), percentage(cell.count(), total),
                        ranking.rankOf(cell), rules.band(cell.count(), total).id(), false));
            }
        }
        return tasks;
    }

    private Ranking rank(List<Cell> cells, Publication publication) {
        Set<Cell> suppressed = new LinkedHashSet<>();
        if (publication == Publication.PUBLIC_FILTERED) {
            cells.stream().filter(cell -> rules.mustSuppress(cell.count())).forEach(suppressed::add);
        }
        List<Long> shownCounts = cells.stream().filter(cell -> !suppressed.contains(cell))
                .map(Cell::count).distinct().sorted(Comparator.reverseOrder()).toList();
        Map<Long, Integer> ranks = new HashMap<>();
        for (int i = 0; i < shownCounts.size(); i++) {
            ranks.put(shownCounts.get(i), i + 1);
        }
        // A suppressed cell sorts between the shown counts above zero and the zeros, revealing no more than "0 < count < k".
        Comparator<Cell> byCount = Comparator.comparingDouble(cell -> suppressed.contains(cell) ? 0.5 : cell.count());
        List<Cell> ordered = cells.stream()
                .sorted(byCount.reversed().thenComparingInt(Cell::catalogueOrder))
                .toList();
        return new Ranking(ordered, suppressed, ranks);
    }

    private static List<AreaHotspot> suppressedWhole(Map<String, ShownArea> shownAreas) {
        List<AreaHotspot> areas = new ArrayList<>();
        shownAreas.values().forEach(shown -> {
            List<TaskHotspot> tasks = new ArrayList<>();
            if (shown.area().tasks() != null) {
                shown.area().tasks().forEach(task ->
                        tasks.add(new TaskHotspot(task.id(), task.name(), null, null, null, null, true)));
            }
            areas.add(new AreaHotspot(shown.area().id(), shown.area().name(), shown.groupId(), null, null, null, null,
                    true, tasks));
        });
        return areas;
    }

    private static Map<String, ShownArea> shownAreas(CataloguePublished catalogue) {
        Map<String, ShownArea> areas = new LinkedHashMap<>();
        if (catalogue != null) {
            for (CatalogueGroup group : catalogue.groups()) {
                if (group.areas() != null) {
                    group.areas().forEach(area -> areas.put(area.id(), new ShownArea(group.id(), area)));
                }
            }
        }
        return areas;
    }

    private static String groupId(ShownArea shownArea) {
        return shownArea == null ? null : shownArea.groupId();
    }

    /** 100 × count / total, to one decimal; 0 when there are no responses. */
    static double percentage(long count, long total) {
        if (total == 0) {
            return 0;
        }
        return BigDecimal.valueOf(count * 100)
                .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }

    private record ShownArea(String groupId, CatalogueArea area) {
    }

    private record Cell(String id, long count, int catalogueOrder) {
    }

    private record Ranking(List<Cell> ordered, Set<Cell> suppressed, Map<Long, Integer> ranks) {

        boolean isSuppressed(Cell cell) {
            return suppressed.contains(cell);
        }

        int rankOf(Cell cell) {
            return ranks.get(cell.count());
        }
    }

    /** Area and task names by id, from the newest catalogue version that has the id; the id itself otherwise. */
    private record Names(Map<String, String> areas, Map<String, String> tasks) {

        static Names of(List<CataloguePublished> newestFirst) {
            Map<String, String> areas = new HashMap<>();
            Map<String, String> tasks = new HashMap<>();
            for (CataloguePublished catalogue : newestFirst) {
                for (CatalogueGroup group : catalogue.groups()) {
                    for (CatalogueArea area : group.areas() == null ? List.<CatalogueArea>of() : group.areas()) {
                        areas.putIfAbsent(area.id(), area.name());
                        for (CatalogueTask task : area.tasks() == null ? List.<CatalogueTask>of() : area.tasks()) {
                            tasks.putIfAbsent(task.id(), task.name());
                        }
                    }
                }
            }
            return new Names(areas, tasks);
        }

        String area(String id) {
            return areas.getOrDefault(id, id);
        }

        String task(String id) {
            return tasks.getOrDefault(id, id);
        }
    }
}
