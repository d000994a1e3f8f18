package org.pmoresearch.catalogue.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.CatalogueGroup;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangelogTest {

    private final List<CatalogueGroup> previous = DraftFixtures.published();
    private final CatalogueHistory history = CatalogueHistory.of(List.of(previous));
    private final CatalogueDraft draft = DraftFixtures.publishedDraft();

    private List<CatalogueChange> changes() {
        return Changelog.between(previous, draft.published(), history);
    }

    @Test
    void theFirstVersionAddsEveryItemParentsFirst() {
        List<CatalogueChange> changes = Changelog.between(List.of(), previous, CatalogueHistory.empty());

        assertThat(changes).hasSize(10).allSatisfy(change -> assertThat(change.type()).isEqualTo(ChangeType.ADDED));
        assertThat(changes.get(0)).isEqualTo(CatalogueChange.placed(ChangeType.ADDED, ItemKind.GROUP, "planning", "Planning", null));
        assertThat(changes.get(1)).isEqualTo(CatalogueChange.placed(ChangeType.ADDED, ItemKind.AREA, "reporting", "Reporting", "planning"));
    }

    @Test
    void anUnchangedCatalogueHasNoChanges() {
        assertThat(changes()).isEmpty();
    }

    @Test
    void listsRenamedAndDescribedItemsWithTheirOldAndNewText() {
        draft.update(ItemKind.AREA, "reporting", "Status reporting", "Weekly status");

        assertThat(changes()).containsExactly(
                CatalogueChange.changed(ChangeType.RENAMED, ItemKind.AREA, "reporting", "Status reporting", "Reporting", "Status reporting"),
                CatalogueChange.changed(ChangeType.DESCRIBED, ItemKind.AREA, "reporting", "Status reporting", "Status reporting", "Weekly status"));
    }

    @Test
    void listsAMovedTaskWithItsOldAndNewArea() {
        draft.move(ItemKind.TASK, "risk-escalation", "finance", null);

        assertThat(changes()).containsExactly(
                CatalogueChange.changed(ChangeType.MOVED, ItemKind.TASK, "risk-escalation", "Escalation", "risk", "finance"));
    }

    @Test
    void listsEveryRetiredItemIncludingTheTasksOfARetiredArea() {
        draft.retire(ItemKind.AREA, "risk");

        assertThat(changes()).containsExactly(
                CatalogueChange.placed(ChangeType.RETIRED, ItemKind.AREA, "risk", "Risk management", "planning"),
                CatalogueChange.placed(ChangeType.RETIRED, ItemKind.TASK, "risk-register", "Risk register", "risk"),
                CatalogueChange.placed(ChangeType.RETIRED, ItemKind.TASK, "risk-escalation", "Escalation", "risk"));
    }

    @Test
    void anItemBackAfterBeingRetiredIsRestoredNotAdded() {
        draft.retire(ItemKind.TASK, "budgets");
        List<CatalogueGroup> withoutBudgets = draft.published();
        draft.restore(ItemKind.TASK, "budgets");

        assertThat(Changelog.between(withoutBudgets, draft.published(), history)).containsExactly(
                CatalogueChange.placed(ChangeType.RESTORED, ItemKind.TASK, "budgets", "Budgets", "finance"));
    }

    @Test
    void listsAddedItems() {
        draft.add(ItemKind.TASK, "finance", "forecasts", "Forecasts", null);

        assertThat(changes()).containsExactly(
                CatalogueChange.placed(ChangeType.ADDED, ItemKind.TASK, "forecasts", "Forecasts", "finance"));
    }

    @Test
    void listsReorderedItemsWithTheirPositionsAmongTheSiblingsThatStayed() {
        draft.reorder(null, List.of("delivery", "planning"));

        assertThat(changes()).containsExactly(
                CatalogueChange.reordered(ItemKind.GROUP, "delivery", "Delivery", null, 2, 1),
                CatalogueChange.reordered(ItemKind.GROUP, "planning", "Planning", null, 1, 2));
    }

    @Test
    void addingRetiringOrMovingAnItemDoesNotReorderItsNeighbours() {
        draft.add(ItemKind.TASK, "reporting", "dashboards", "Dashboards", null);
        draft.reorder("reporting", List.of("dashboards", "status-returns", "highlight-reports"));
        draft.retire(ItemKind.TASK, "risk-register");
        draft.move(ItemKind.TASK, "budgets", "risk", 1);

        assertThat(changes()).extracting(CatalogueChange::type)
                .containsExactly(ChangeType.ADDED, ChangeType.MOVED, ChangeType.RETIRED);
    }

    @Test
    void listsChangesGroupedByTypeInAFixedOrder() {
        draft.retire(ItemKind.TASK, "budgets");
        draft.update(ItemKind.TASK, "status-returns", "Status updates", null);
        draft.add(ItemKind.AREA, "delivery", null, "Change control", null);
        draft.reorder("reporting", List.of("highlight-reports", "status-returns"));

        assertThat(changes()).extracting(CatalogueChange::type).containsExactly(
                ChangeType.ADDED, ChangeType.RENAMED, ChangeType.REORDERED, ChangeType.REORDERED, ChangeType.RETIRED);
    }
}
