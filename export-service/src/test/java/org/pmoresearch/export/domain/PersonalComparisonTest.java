package org.pmoresearch.export.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;
import org.pmoresearch.export.TestCatalogues;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalComparisonTest {

    private static final double HALF = 0.5;

    /** 10 respondents; the shares are what matter. */
    private static Hotspots community(Map<String, Double> taskShares) {
        Map<String, Figures> tasks = new java.util.HashMap<>();
        taskShares.forEach((taskId, share) -> tasks.put(taskId, new Figures(Math.round(share * 10), share, 1, "core", false)));
        return new Hotspots(10L, null, 5, false, Map.of("portfolio-build", new Hotspots.AreaHotspot(
                new Figures(8L, 0.8, 1, "core", false), tasks)));
    }

    private static PersonalResponse answered(Map<String, List<String>> selections) {
        return new PersonalResponse(UUID.randomUUID(), 2, Instant.parse("2025-05-02T08:30:00Z"), selections);
    }

    @Test
    void ticksWhatTheRespondentDoesAndFlagsGapsFromTheThresholdUp() {
        PersonalComparison comparison = PersonalComparison.compare(TestCatalogues.version2(), TestCatalogues.version2(),
                answered(Map.of("portfolio-build", List.of("demand-intake"))),
                community(Map.of("portfolio-register", 0.5, "demand-intake", 0.9)), HALF, 10);

        PersonalComparison.AreaLine portfolioBuild = comparison.areas().get(0);
        assertThat(portfolioBuild.done()).isTrue();
        assertThat(portfolioBuild.tasks()).extracting(PersonalComparison.TaskLine::answer)
                .containsExactly(PersonalComparison.Answer.NOT_DONE, PersonalComparison.Answer.DONE);
        assertThat(portfolioBuild.tasks()).extracting(PersonalComparison.TaskLine::gap).containsExactly(true, false);
        assertThat(comparison.areas().get(1).done()).isFalse();
        assertThat(comparison.tasksDone()).isEqualTo(1);
        assertThat(comparison.tasksInCatalogue()).isEqualTo(3);
        assertThat(comparison.gaps()).isEqualTo(1);
    }

    @Test
    void marksTasksNewerThanTheAnsweredVersionAsNotAskedAndNeverAsGaps() {
        PersonalComparison comparison = PersonalComparison.compare(TestCatalogues.version2(), TestCatalogues.version1(),
                answered(Map.of()), community(Map.of()), 0.0, 10);

        PersonalComparison.TaskLine benefitsRegister = comparison.areas().get(1).tasks().get(0);
        assertThat(benefitsRegister.answer()).isEqualTo(PersonalComparison.Answer.NOT_ASKED);
        assertThat(benefitsRegister.gap()).isFalse();
        assertThat(comparison.areas().get(0).tasks()).allMatch(PersonalComparison.TaskLine::gap);
    }

    @Test
    void listsTheMissingTasksMostCommonFirstKeepingCatalogueOrderAmongEqualsAndUpToTheSize() {
        CataloguePublished catalogue = new CataloguePublished(1, UUID.randomUUID(), 3, Instant.now(), List.of(
                new CatalogueGroup("planning", "Planning", "", List.of(new CatalogueArea("portfolio-build", "Portfolio build", "", List.of(
                        task("a"), task("b"), task("c"), task("d"), task("e")))))));

        PersonalComparison comparison = PersonalComparison.compare(catalogue, catalogue,
                answered(Map.of("portfolio-build", List.of("d"))),
                community(Map.of("a", 0.2, "b", 0.6, "c", 0.2, "d", 0.9, "e", 0.0)), HALF, 2);

        assertThat(comparison.worthDevelopingNext()).extracting(line -> line.task().id()).containsExactly("b", "a");
        assertThat(PersonalComparison.compare(catalogue, catalogue, answered(Map.of("portfolio-build", List.of("d"))),
                community(Map.of("a", 0.2, "b", 0.6, "c", 0.2, "d", 0.9, "e", 0.0)), HALF, 10).worthDevelopingNext())
                .as("nobody does e: nothing to develop towards").extracting(line -> line.task().id()).containsExactly("b", "a", "c");
    }

    private static CatalogueTask task(String id) {
        return new CatalogueTask(id, "Task " + id, "");
    }
}
