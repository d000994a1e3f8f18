package org.pmoresearch.catalogue.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueImportTest {

    private static final String HEADER = "group_id,group,area_id,area,task_id,task,description,retired\n";
    private static final String PUBLISHED_ROWS = """
            planning,Planning,,,,,Portfolio office,
            planning,Planning,reporting,Reporting,,,Status reporting,
            planning,Planning,reporting,Reporting,status-returns,Status returns,,
            planning,Planning,reporting,Reporting,highlight-reports,Highlight reports,Monthly,
            planning,Planning,risk,Risk management,,,,
            planning,Planning,risk,Risk management,risk-register,Risk register,,
            planning,Planning,risk,Risk management,risk-escalation,Escalation,,
            delivery,Delivery,,,,,,
            delivery,Delivery,finance,Finance,,,,
            delivery,Delivery,finance,Finance,budgets,Budgets,,
            """;

    private final CatalogueDraft current = DraftFixtures.publishedDraft();

    private List<DraftGroup> importCsv(String rows) {
        return CatalogueImport.apply(current, CatalogueCsv.read(HEADER + rows));
    }

    private List<ImportProblem> problemsOf(String rows) {
        try {
            importCsv(rows);
        } catch (ImportRejectedException e) {
            return e.problems();
        }
        throw new AssertionError("the import was accepted");
    }

    @Test
    void theSameCatalogueImportsToTheSameDraft() {
        assertThat(importCsv(PUBLISHED_ROWS)).isEqualTo(DraftFixtures.groups());
    }

    @Test
    void reportsEveryProblemAtOnceInLineOrder() {
        String rows = PUBLISHED_ROWS
                + "planning,Planning,reporting,Reporting,budgets,Budgets again,,\n"
                + "planning,Planning,risk,,,,,\n"
                + "planning,Planning,finance-2,Finance,,,,\n"
                + "planning,Planning,finance-2,Finance,status-returns-x,,,\n"
                + "planning,Planning,risk,Risk management,planning,A task named like a group,,\n"
                + "planning,Planning,reporting,Reporting,Bad Id,Bad id,,\n";

        assertThat(problemsOf(rows)).containsExactly(
                new ImportProblem(12, "task_id", "'budgets' is already used on line 11"),
                new ImportProblem(13, "area", "must not be empty"),
                new ImportProblem(13, "area_id", "'risk' is already used on line 6"),
                new ImportProblem(15, "task", "must not be empty"),
                new ImportProblem(16, "task_id", "'planning' is already used on line 2"),
                new ImportProblem(17, "task_id", "'Bad Id' is not an id: use lowercase letters, digits and single hyphens, at most 80 characters"));
    }

    @Test
    void anIdIsNeverGivenToAnItemOfAnotherKind() {
        String rows = PUBLISHED_ROWS.replace("delivery,Delivery,finance,Finance,budgets,Budgets,,\n", "")
                + "delivery,Delivery,budgets,Budgets as an area,,,,\n"
                + "delivery,Delivery,finance,Finance,budgets-task,Budgets,,\n";

        assertThat(problemsOf(rows)).contains(
                new ImportProblem(11, "area_id", "'budgets' is the id of a task; an id is never reused for something else"));
    }

    @Test
    void theIdOfARetiredItemIsNotReusedByAnActiveRow() {
        current.retire(ItemKind.TASK, "risk-register");
        String rows = PUBLISHED_ROWS.replace("risk-register,Risk register,,", "risk-register,Risk register,,yes")
                + "delivery,Delivery,finance,Finance,risk-register-2,Risk register,,\n";
        assertThat(importCsv(rows)).isNotEmpty();

        String restoringByImport = PUBLISHED_ROWS;
        assertThat(problemsOf(restoringByImport)).containsExactly(new ImportProblem(7, "task_id",
                "'risk-register' is the id of retired task 'Risk register': restore it in the draft, or mark this row retired, or give it a new id"));
    }

    @Test
    void aPublishedItemMissingFromTheFileIsAProblemNotADeletion() {
        String rows = PUBLISHED_ROWS.replace("planning,Planning,risk,Risk management,risk-escalation,Escalation,,\n", "");

        assertThat(problemsOf(rows)).containsExactly(new ImportProblem(null, "id",
                "published task 'Escalation' (id 'risk-escalation') is missing: keep it in the file and mark it retired, as published items are never deleted"));
    }

    @Test
    void anItemThatWasNeverPublishedMayBeLeftOut() {
        current.add(ItemKind.TASK, "finance", "forecasts", "Forecasts", null);

        assertThat(importCsv(PUBLISHED_ROWS)).isEqualTo(DraftFixtures.groups());
    }

    @Test
    void rowsWithoutIdsKeepTheIdOfTheirNamesakeInTheSameParentOrGetANewOne() {
        String rows = PUBLISHED_ROWS.replace("planning,Planning,reporting,Reporting,status-returns,Status returns,,\n",
                "planning,Planning,reporting,Reporting,,Status returns,,\n")
                + "delivery,Delivery,finance,Finance,,Risk register,,\n"
                + "delivery,Delivery,finance,Finance,,Forecasts,,\n";

        List<DraftGroup> groups = importCsv(rows);

        assertThat(groups.get(0).areas().get(0).tasks().get(0).id()).isEqualTo("status-returns");
        assertThat(groups.get(1).areas().get(0).tasks()).extracting(DraftTask::id)
                .containsExactly("budgets", "risk-register-2", "forecasts");
    }

    @Test
    void importsReorderMoveRenameAndRetireInOneGo() {
        String rows = """
                delivery,Delivery,,,,,,
                delivery,Delivery,finance,Finance,,,,
                delivery,Delivery,finance,Finance,budgets,Budgets,,
                delivery,Delivery,finance,Finance,risk-escalation,Escalation,,
                planning,Planning,,,,,Portfolio office,
                planning,Planning,reporting,Status reporting,,,Status reporting,
                planning,Planning,reporting,Reporting,status-returns,Status returns,,
                planning,Planning,reporting,Reporting,highlight-reports,Highlight reports,Monthly,
                planning,Planning,risk,Risk management,,,,yes
                planning,Planning,risk,Risk management,risk-register,Risk register,,
                """;

        List<DraftGroup> groups = importCsv(rows);

        assertThat(groups).extracting(DraftGroup::id).containsExactly("delivery", "planning");
        assertThat(groups.get(0).areas().get(0).tasks()).extracting(DraftTask::id).containsExactly("budgets", "risk-escalation");
        assertThat(groups.get(1).areas().get(0).name()).isEqualTo("Status reporting");
        assertThat(groups.get(1).areas().get(1).retired()).isTrue();
    }

    @Test
    void problemsFoundWhileReadingTheFileAreReportedWithTheRuleProblems() {
        String rows = PUBLISHED_ROWS + ",Nowhere,,New area,,,,\n" + "planning,Planning,reporting,Reporting,,,,\n";

        assertThat(problemsOf(rows)).containsExactly(
                new ImportProblem(12, "group", "unknown group 'Nowhere': declare the group on a row of its own"),
                new ImportProblem(13, "area_id", "'reporting' is already used on line 3"));
    }

    @Test
    void anEmptyCatalogueIsRejected() {
        assertThatThrownBy(() -> CatalogueImport.apply(CatalogueDraft.of(List.of(), CatalogueHistory.empty()),
                new ImportedCatalogue(List.of(), List.of())))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.problems())
                        .containsExactly(new ImportProblem(null, "groups", "the file has no groups")));
    }
}
