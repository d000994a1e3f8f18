package org.pmoresearch.catalogue.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CatalogueTask;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class CatalogueDraftTest {

    private final CatalogueDraft draft = DraftFixtures.publishedDraft();

    // Ids

    @Test
    void aNewItemGetsAnIdMadeFromItsNameThatNoOtherItemHas() {
        String id = draft.add(ItemKind.AREA, "delivery", null, "Reporting", null);

        assertThat(id).isEqualTo("reporting-2");
        assertThat(area("reporting-2").name()).isEqualTo("Reporting");
    }

    @Test
    void aGivenIdIsKept() {
        draft.add(ItemKind.TASK, "finance", "forecasts", "Forecasts", "Quarterly forecasts");

        assertThat(area("finance").tasks()).extracting(DraftTask::id).containsExactly("budgets", "forecasts");
    }

    @Test
    void anIdIsUniqueAcrossGroupsAreasAndTasks() {
        assertThatThrownBy(() -> draft.add(ItemKind.GROUP, null, "risk-register", "Risks", null))
                .isInstanceOfSatisfying(CatalogueRuleException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("id", "'risk-register' is already the id of task 'Risk register'")));
    }

    @Test
    void anIdOncePublishedIsNeverGivenToAnythingElseEvenWhenItIsGoneFromTheDraft() {
        CatalogueHistory historyWithAnOldTask = CatalogueHistory.of(List.of(List.of(new CatalogueGroup("old", "Old", null,
                List.of(new CatalogueArea("old-area", "Old area", null, List.of(new CatalogueTask("timesheets", "Timesheets", null))))))));
        CatalogueDraft withHistory = CatalogueDraft.of(DraftFixtures.groups(), historyWithAnOldTask);

        assertThatThrownBy(() -> withHistory.add(ItemKind.TASK, "finance", "timesheets", "Timesheets", null))
                .isInstanceOfSatisfying(CatalogueRuleException.class, e -> assertThat(e.violations().get(0).reason())
                        .contains("published task").contains("never reused"));
        assertThat(withHistory.add(ItemKind.TASK, "finance", null, "Timesheets", null)).isEqualTo("timesheets-2");
    }

    @Test
    void everyProblemWithANewItemIsReportedAtOnce() {
        assertThatThrownBy(() -> draft.add(ItemKind.TASK, "finance", "Not A Slug", "  ", "x".repeat(2001)))
                .isInstanceOfSatisfying(CatalogueRuleException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("name", "description", "id"));
        assertThat(area("finance").tasks()).hasSize(1);
    }

    @Test
    void nothingIsAddedToAParentThatDoesNotExistOrIsRetired() {
        assertThatThrownBy(() -> draft.add(ItemKind.TASK, "no-such-area", null, "Task", null))
                .isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> draft.add(ItemKind.TASK, "planning", null, "Task", null))
                .as("a group is not an area").isInstanceOf(ItemNotFoundException.class);
        draft.retire(ItemKind.GROUP, "delivery");
        assertThatThrownBy(() -> draft.add(ItemKind.TASK, "finance", null, "Task", null))
                .isInstanceOfSatisfying(CatalogueRuleException.class, e -> assertThat(e.violations().get(0).reason())
                        .isEqualTo("area 'Finance' is in retired group 'Delivery': restore it before adding to it"));
    }

    // Names and descriptions

    @Test
    void renamesAndDescribesTrimmingAndTreatingAnEmptyDescriptionAsNone() {
        draft.update(ItemKind.AREA, "reporting", "  Status reporting ", "");

        assertThat(area("reporting").name()).isEqualTo("Status reporting");
        assertThat(area("reporting").description()).isNull();
    }

    @Test
    void nullLeavesANameOrDescriptionAsItIs() {
        draft.update(ItemKind.TASK, "highlight-reports", null, "Weekly");

        DraftTask task = area("reporting").tasks().get(1);
        assertThat(task.name()).isEqualTo("Highlight reports");
        assertThat(task.description()).isEqualTo("Weekly");
    }

    @Test
    void aNameMustNotBeEmptyNorSpanLines() {
        assertThatThrownBy(() -> draft.update(ItemKind.TASK, "budgets", " ", null)).isInstanceOf(CatalogueRuleException.class);
        assertThatThrownBy(() -> draft.update(ItemKind.TASK, "budgets", "Two\nlines", null)).isInstanceOf(CatalogueRuleException.class);
        assertThat(area("finance").tasks().get(0).name()).isEqualTo("Budgets");
    }

    @Test
    void anItemIsFoundByItsKindAndId() {
        assertThatThrownBy(() -> draft.update(ItemKind.AREA, "risk-register", "Risks", null))
                .isInstanceOf(ItemNotFoundException.class)
                .hasMessageContaining("no area with id 'risk-register'");
    }

    // Moving and reordering

    @Test
    void movesATaskToAnotherAreaAtAPositionOrAtTheEnd() {
        draft.move(ItemKind.TASK, "risk-escalation", "finance", 1);
        draft.move(ItemKind.TASK, "status-returns", "finance", null);

        assertThat(area("finance").tasks()).extracting(DraftTask::id).containsExactly("risk-escalation", "budgets", "status-returns");
        assertThat(area("risk").tasks()).extracting(DraftTask::id).containsExactly("risk-register");
    }

    @Test
    void movesAnAreaToAnotherGroup() {
        draft.move(ItemKind.AREA, "risk", "delivery", 1);

        assertThat(draft.groups().get(1).areas()).extracting(DraftArea::id).containsExactly("risk", "finance");
    }

    @Test
    void aMoveWithinTheSameParentActsAsAReorder() {
        draft.move(ItemKind.TASK, "highlight-reports", "reporting", 1);

        assertThat(area("reporting").tasks()).extracting(DraftTask::id).containsExactly("highlight-reports", "status-returns");
    }

    @Test
    void movesOnlyToAnExistingActiveParentAndAnExistingPosition() {
        assertThatThrownBy(() -> draft.move(ItemKind.TASK, "budgets", "reporting", 4))
                .isInstanceOfSatisfying(CatalogueRuleException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("position", "must be between 1 and 3")));
        assertThatThrownBy(() -> draft.move(ItemKind.TASK, "budgets", "planning", null)).isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> draft.move(ItemKind.GROUP, "planning", "delivery", null)).isInstanceOf(CatalogueRuleException.class);
        draft.retire(ItemKind.AREA, "risk");
        assertThatThrownBy(() -> draft.move(ItemKind.TASK, "budgets", "risk", null)).isInstanceOf(CatalogueRuleException.class);
        assertThat(area("finance").tasks()).extracting(DraftTask::id).containsExactly("budgets");
    }

    @Test
    void reordersGroupsAndTheItemsOfAParent() {
        draft.reorder(null, List.of("delivery", "planning"));
        draft.reorder("reporting", List.of("highlight-reports", "status-returns"));

        assertThat(draft.groups()).extracting(DraftGroup::id).containsExactly("delivery", "planning");
        assertThat(area("reporting").tasks()).extracting(DraftTask::id).containsExactly("highlight-reports", "status-returns");
    }

    @Test
    void aReorderMustListEveryItemOfTheParentExactlyOnce() {
        assertThatThrownBy(() -> draft.reorder("planning", List.of("risk")))
                .isInstanceOfSatisfying(CatalogueRuleException.class, e -> assertThat(e.violations().get(0).reason())
                        .contains("missing [reporting]"));
        assertThatThrownBy(() -> draft.reorder("planning", List.of("risk", "risk", "reporting")))
                .isInstanceOfSatisfying(CatalogueRuleException.class, e -> assertThat(e.violations().get(0).reason())
                        .contains("listed twice"));
        assertThatThrownBy(() -> draft.reorder("planning", List.of("risk", "finance")))
                .isInstanceOfSatisfying(CatalogueRuleException.class, e -> assertThat(e.violations().get(0).reason())
                        .contains("not in it [finance]"));
        assertThatThrownBy(() -> draft.reorder("budgets", List.of())).isInstanceOf(ItemNotFoundException.class);
        assertThat(draft.groups().get(0).areas()).extracting(DraftArea::id).containsExactly("reporting", "risk");
    }

    // Retiring and restoring

    @Test
    void aRetiredItemKeepsItsIdAndPlaceButIsNotPublished() {
        draft.retire(ItemKind.TASK, "risk-register");

        assertThat(area("risk").tasks()).extracting(DraftTask::id, DraftTask::retired)
                .containsExactly(tuple("risk-register", true),
                        tuple("risk-escalation", false));
        assertThat(draft.published().get(0).areas().get(1).tasks()).extracting(CatalogueTask::id).containsExactly("risk-escalation");
    }

    @Test
    void retiringAGroupTakesItsAreasAndTasksOutOfThePublishedCatalogue() {
        draft.retire(ItemKind.GROUP, "delivery");

        assertThat(draft.published()).extracting(CatalogueGroup::id).containsExactly("planning");
        assertThat(draft.groups().get(1).areas().get(0).retired()).as("the area keeps its own flag").isFalse();
    }

    @Test
    void retiresOnlyWhatIsActiveAndRestoresOnlyWhatIsRetired() {
        assertThatThrownBy(() -> draft.restore(ItemKind.TASK, "budgets")).isInstanceOf(CatalogueRuleException.class);
        draft.retire(ItemKind.TASK, "budgets");
        assertThatThrownBy(() -> draft.retire(ItemKind.TASK, "budgets")).isInstanceOf(CatalogueRuleException.class);

        draft.restore(ItemKind.TASK, "budgets");

        assertThat(area("finance").tasks().get(0).retired()).isFalse();
    }

    @Test
    void anItemInARetiredParentIsRestoredAfterItsParent() {
        draft.retire(ItemKind.TASK, "budgets");
        draft.retire(ItemKind.AREA, "finance");

        assertThatThrownBy(() -> draft.restore(ItemKind.TASK, "budgets"))
                .isInstanceOfSatisfying(CatalogueRuleException.class, e -> assertThat(e.violations().get(0).reason())
                        .isEqualTo("area 'Finance' is retired: restore it first"));
        draft.restore(ItemKind.AREA, "finance");
        draft.restore(ItemKind.TASK, "budgets");
        assertThat(draft.published().get(1).areas().get(0).tasks()).hasSize(1);
    }

    // Publication

    @Test
    void aDraftWithAGroupWithoutActiveAreasCannotBePublished() {
        draft.retire(ItemKind.AREA, "finance");

        assertThat(draft.publicationProblems())
                .containsExactly(new Violation("delivery", "group 'Delivery' has no service area that is not retired"));
    }

    @Test
    void aDraftWithEveryGroupRetiredCannotBePublished() {
        draft.retire(ItemKind.GROUP, "planning");
        draft.retire(ItemKind.GROUP, "delivery");

        assertThat(draft.publicationProblems()).extracting(Violation::field).containsExactly("groups");
    }

    @Test
    void thePublishedCatalogueKeepsTheDraftsOrder() {
        assertThat(DraftFixtures.publishedDraft().publicationProblems()).isEmpty();
        assertThat(draft.published()).extracting(CatalogueGroup::id).containsExactly("planning", "delivery");
        assertThat(draft.published().get(0).areas()).extracting(CatalogueArea::id).containsExactly("reporting", "risk");
    }

    private DraftArea area(String id) {
        return draft.groups().stream().flatMap(group -> group.areas().stream())
                .filter(area -> area.id().equals(id)).findFirst().orElseThrow();
    }
}
