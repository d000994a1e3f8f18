package org.pmoresearch.catalogue.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CatalogueTask;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SeedCatalogueTest {

    private static final String SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$";

    private final List<CatalogueGroup> groups = new SeedCatalogue(JsonMapper.builder().build()).groups();

    private List<CatalogueArea> areas() {
        return groups.stream().flatMap(group -> group.areas().stream()).toList();
    }

    private List<CatalogueTask> tasks() {
        return areas().stream().flatMap(area -> area.tasks().stream()).toList();
    }

    @Test
    void hasTheFourGroupsInOrder() {
        assertThat(groups).extracting(CatalogueGroup::id)
                .containsExactly("planning", "delivery", "centre-of-excellence", "pmo-leadership");
    }

    @Test
    void hasTheThirtyOneServiceAreasSplitAsTheResearchGroupsThem() {
        assertThat(areas()).hasSize(31);
        assertThat(groups).extracting(group -> group.areas().size()).containsExactly(9, 14, 6, 2);
        assertThat(areas()).first().extracting(CatalogueArea::id).isEqualTo("portfolio-build-prioritisation");
        assertThat(areas()).last().extracting(CatalogueArea::id).isEqualTo("running-the-pmo");
    }

    @Test
    void everyAreaHasThreeToSixTasks() {
        assertThat(areas()).allSatisfy(area ->
                assertThat(area.tasks()).as(area.id()).hasSizeBetween(3, 6));
    }

    @Test
    void everyIdIsASlugUniqueAcrossTheWholeCatalogue() {
        List<String> ids = Stream.of(
                        groups.stream().map(CatalogueGroup::id),
                        areas().stream().map(CatalogueArea::id),
                        tasks().stream().map(CatalogueTask::id))
                .flatMap(stream -> stream)
                .toList();

        assertThat(ids).allMatch(id -> id.matches(SLUG), "matches " + SLUG).doesNotHaveDuplicates();
    }

    @Test
    void tasksWhoseNamesRepeatGetDistinctIds() {
        assertThat(tasks()).filteredOn(task -> task.name().equals("Escalation"))
                .extracting(CatalogueTask::id)
                .containsExactly("risk-escalation", "issue-escalation");
    }

    @Test
    void noNameOrDescriptionIsEmpty() {
        Stream<String[]> namesAndDescriptions = Stream.of(
                        groups.stream().map(group -> new String[] {group.id(), group.name(), group.description()}),
                        areas().stream().map(area -> new String[] {area.id(), area.name(), area.description()}),
                        tasks().stream().map(task -> new String[] {task.id(), task.name(), task.description()}))
                .flatMap(stream -> stream);

        assertThat(namesAndDescriptions).allSatisfy(entry -> {
            assertThat(entry[1]).as("name of %s", entry[0]).isNotBlank();
            assertThat(entry[2]).as("description of %s", entry[0]).isNotBlank();
        });
    }

    @Test
    void areasFromOutsideP3oSayWhereTheyComeFrom() {
        List<String> fromOtherFrameworks = List.of("strategic-business-planning-support", "benefits-management",
                "governance-assurance", "dependency-management", "project-administration", "ppm-tools",
                "maturity-continuous-improvement", "executive-decision-support", "running-the-pmo");

        assertThat(areas()).filteredOn(area -> fromOtherFrameworks.contains(area.id()))
                .hasSize(fromOtherFrameworks.size())
                .allSatisfy(area -> assertThat(area.description()).as(area.id()).contains("not in P3O"));
        assertThat(areas()).filteredOn(area -> !fromOtherFrameworks.contains(area.id()))
                .allSatisfy(area -> assertThat(area.description()).as(area.id()).doesNotContain("P3O"));
    }
}
