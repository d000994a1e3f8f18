package org.pmoresearch.survey.domain;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable catalogue version, with the look-ups that response validation needs built once,
 * when the version arrives, instead of on every request.
 */
public final class PublishedCatalogue {

    private final CataloguePublished content;
    private final Map<String, Set<String>> taskIdsByAreaId;
    private final Map<String, String> areaIdByTaskId;

    private PublishedCatalogue(CataloguePublished content, Map<String, Set<String>> taskIdsByAreaId,
            Map<String, String> areaIdByTaskId) {
        this.content = content;
        this.taskIdsByAreaId = taskIdsByAreaId;
        this.areaIdByTaskId = areaIdByTaskId;
    }

    /**
     * @throws IllegalArgumentException if the event lacks a positive version, has missing lists or
     *         blank ids, or repeats an area or task id (validation relies on ids being unique)
     */
    public static PublishedCatalogue of(CataloguePublished content) {
        require(content != null, "no content");
        require(content.version() >= 1, "version must be at least 1, was " + content.version());
        require(content.groups() != null, "version " + content.version() + " has no groups list");
        Map<String, Set<String>> taskIdsByAreaId = new HashMap<>();
        Map<String, String> areaIdByTaskId = new HashMap<>();
        for (CatalogueGroup group : content.groups()) {
            require(group != null && group.areas() != null, "a group of version " + content.version() + " has no areas list");
            for (CatalogueArea area : group.areas()) {
                require(area != null && hasText(area.id()), "an area of version " + content.version() + " has no id");
                require(area.tasks() != null, "area " + area.id() + " has no tasks list");
                Set<String> taskIds = new LinkedHashSet<>();
                for (CatalogueTask task : area.tasks()) {
                    require(task != null && hasText(task.id()), "a task of area " + area.id() + " has no id");
                    String previousArea = areaIdByTaskId.putIfAbsent(task.id(), area.id());
                    require(previousArea == null, "task id " + task.id() + " appears more than once");
                    taskIds.add(task.id());
                }
                require(taskIdsByAreaId.put(area.id(), Collections.unmodifiableSet(taskIds)) == null,
                        "area id " + area.id() + " appears more than once");
            }
        }
        return new PublishedCatalogue(content, Map.copyOf(taskIdsByAreaId), Map.copyOf(areaIdByTaskId));
    }

    public int version() {
        return content.version();
    }

    public CataloguePublished content() {
        return content;
    }

    public boolean hasArea(String areaId) {
        return taskIdsByAreaId.containsKey(areaId);
    }

    /** The area a task belongs to, if the task exists in this version. */
    public Optional<String> areaOf(String taskId) {
        return Optional.ofNullable(areaIdByTaskId.get(taskId));
    }

    public int areaCount() {
        return taskIdsByAreaId.size();
    }

    public int taskCount() {
        return areaIdByTaskId.size();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("Invalid catalogue: " + problem);
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
