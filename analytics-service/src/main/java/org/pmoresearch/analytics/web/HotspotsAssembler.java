package org.pmoresearch.analytics.web;

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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays the counts over the latest catalogue: every area and task of that catalogue (zero or not), then
 * the ids counted under older versions, each list by count, highest first, then in catalogue order.
 */
final class HotspotsAssembler {

    private HotspotsAssembler() {
    }

    static HotspotsResponse assemble(SelectionCounts counts, CataloguePublished latestCatalogue) {
        long total = counts.totalResponses();
        Map<String, CatalogueEntry> catalogueAreas = catalogueAreas(latestCatalogue);
        Set<String> areaIds = new LinkedHashSet<>(catalogueAreas.keySet());
        counts.areas().keySet().stream().sorted().forEach(areaIds::add);

        List<AreaHotspot> areas = new ArrayList<>();
        for (String areaId : areaIds) {
            CatalogueEntry entry = catalogueAreas.get(areaId);
            long count = counts.areaCount(areaId);
            areas.add(new AreaHotspot(areaId, entry == null ? areaId : entry.area().name(),
                    entry == null ? null : entry.groupId(), count, percentage(count, total),
                    tasks(areaId, entry == null ? List.of() : entry.area().tasks(), counts, total)));
        }
        areas.sort(Comparator.comparingLong(AreaHotspot::count).reversed());
        Integer version = latestCatalogue == null ? null : latestCatalogue.version();
        return new HotspotsResponse(total, version, areas);
    }

    private static List<TaskHotspot> tasks(String areaId, List<CatalogueTask> catalogueTasks, SelectionCounts counts,
            long total) {
        Map<String, String> names = new LinkedHashMap<>();
        if (catalogueTasks != null) {
            catalogueTasks.forEach(task -> names.put(task.id(), task.name()));
        }
        Set<String> taskIds = new LinkedHashSet<>(names.keySet());
        SelectionCounts.AreaCount areaCount = counts.areas().get(areaId);
        if (areaCount != null) {
            areaCount.tasks().keySet().stream().sorted().forEach(taskIds::add);
        }
        List<TaskHotspot> tasks = new ArrayList<>();
        for (String taskId : taskIds) {
            long count = counts.taskCount(areaId, taskId);
            tasks.add(new TaskHotspot(taskId, names.getOrDefault(taskId, taskId), count, percentage(count, total)));
        }
        tasks.sort(Comparator.comparingLong(TaskHotspot::count).reversed());
        return tasks;
    }

    private static Map<String, CatalogueEntry> catalogueAreas(CataloguePublished catalogue) {
        Map<String, CatalogueEntry> areas = new LinkedHashMap<>();
        if (catalogue != null) {
            for (CatalogueGroup group : catalogue.groups()) {
                if (group.areas() != null) {
                    group.areas().forEach(area -> areas.put(area.id(), new CatalogueEntry(group.id(), area)));
                }
            }
        }
        return areas;
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

    private record CatalogueEntry(String groupId, CatalogueArea area) {
    }
}
