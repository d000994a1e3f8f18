package org.pmoresearch.export.domain;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A respondent's answers set against the community's, on the latest catalogue.
 *
 * @param areas               every area of the latest catalogue in catalogue order, each with its tasks
 * @param worthDevelopingNext the tasks the respondent does not do, most common first
 * @param tasksDone           tasks of the latest catalogue the respondent carries out
 * @param tasksInCatalogue    tasks in the latest catalogue
 * @param gaps                tasks at or above the gap threshold that the respondent does not do
 */
public record PersonalComparison(List<AreaLine> areas, List<TaskLine> worthDevelopingNext,
                                 int tasksDone, int tasksInCatalogue, int gaps) {

    public enum Answer {
        DONE,
        NOT_DONE,
        /** The task is newer than the catalogue version the respondent answered: we cannot tell. */
        NOT_ASKED
    }

    public record AreaLine(CatalogueGroup group, CatalogueArea area, boolean done, Figures community, List<TaskLine> tasks) {
    }

    /** @param gap the respondent does not do it although at least the threshold share of PMOs do */
    public record TaskLine(CatalogueArea area, CatalogueTask task, Answer answer, Figures community, boolean gap) {
    }

    /**
     * @param answered           the catalogue version the respondent saw, when still known; tasks missing from it
     *                           were never offered to them
     * @param gapThresholdShare  0..1
     * @param worthDevelopingNextSize how many missing tasks to list at most
     */
    public static PersonalComparison compare(CataloguePublished latest, CataloguePublished answered, PersonalResponse response,
                                             Hotspots community, double gapThresholdShare, int worthDevelopingNextSize) {
        Set<String> offeredTaskIds = answered == null ? null : taskIds(answered);
        List<AreaLine> areas = new ArrayList<>();
        List<TaskLine> missing = new ArrayList<>();
        int tasksDone = 0;
        int tasksInCatalogue = 0;
        int gaps = 0;
        for (CatalogueGroup group : nullSafe(latest.groups())) {
            for (CatalogueArea area : nullSafe(group.areas())) {
                Set<String> selectedTasks = new HashSet<>(response.selections().getOrDefault(area.id(), List.of()));
                List<TaskLine> tasks = new ArrayList<>();
                for (CatalogueTask task : nullSafe(area.tasks())) {
                    Answer answer = selectedTasks.contains(task.id()) ? Answer.DONE
                            : offeredTaskIds == null || offeredTaskIds.contains(task.id()) ? Answer.NOT_DONE
                            : Answer.NOT_ASKED;
                    Figures figures = community.task(area.id(), task.id());
                    boolean gap = answer == Answer.NOT_DONE && figures.share() != null && figures.share() >= gapThresholdShare;
                    TaskLine line = new TaskLine(area, task, answer, figures, gap);
                    tasks.add(line);
                    tasksInCatalogue++;
                    if (answer == Answer.DONE) {
                        tasksDone++;
                    }
                    if (gap) {
                        gaps++;
                    }
                    if (answer == Answer.NOT_DONE && figures.share() != null && figures.share() > 0) {
                        missing.add(line);
                    }
                }
                areas.add(new AreaLine(group, area, response.selections().containsKey(area.id()),
                        community.area(area.id()), List.copyOf(tasks)));
            }
        }
        // A stable sort keeps catalogue order among equally common tasks.
        missing.sort(Comparator.comparing((TaskLine line) -> line.community().share()).reversed());
        List<TaskLine> worthDevelopingNext = List.copyOf(missing.subList(0, Math.min(worthDevelopingNextSize, missing.size())));
        return new PersonalComparison(List.copyOf(areas), worthDevelopingNext, tasksDone, tasksInCatalogue, gaps);
    }

    private static Set<String> taskIds(CataloguePublished catalogue) {
        Set<String> ids = new HashSet<>();
        for (CatalogueGroup group : nullSafe(catalogue.groups())) {
            for (CatalogueArea area : nullSafe(group.areas())) {
                for (CatalogueTask task : nullSafe(area.tasks())) {
                    ids.add(task.id());
                }
            }
        }
        return ids;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
