package org.pmoresearch.catalogue.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueCsvTest {

    private static final String HEADER = "group_id,group,area_id,area,task_id,task,description,retired\r\n";

    @Test
    void writesOneRowPerItemInOrderAfterAByteOrderMarkAndAHeader() {
        String csv = CatalogueCsv.write(DraftFixtures.groups());

        assertThat(csv).startsWith("\uFEFF" + HEADER
                + "planning,Planning,,,,,Portfolio office,\r\n"
                + "planning,Planning,reporting,Reporting,,,Status reporting,\r\n"
                + "planning,Planning,reporting,Reporting,status-returns,Status returns,,\r\n");
        assertThat(csv.split("\r\n")).hasSize(1 + 10);
    }

    @Test
    void quotesCellsWithCommasQuotesLineBreaksOrEdgeSpacesAndMarksRetiredItems() {
        List<DraftGroup> groups = List.of(new DraftGroup("g", "Plan, do", "Say \"hi\"\nthen go", true, List.of()));

        assertThat(CatalogueCsv.write(groups)).isEqualTo("\uFEFF" + HEADER
                + "g,\"Plan, do\",,,,,\"Say \"\"hi\"\"\nthen go\",yes\r\n");
    }

    @Test
    void whatItWritesReadsBackToTheSameDraft() {
        CatalogueDraft draft = DraftFixtures.publishedDraft();
        draft.retire(ItemKind.TASK, "risk-register");
        draft.update(ItemKind.TASK, "budgets", null, "Budgets, \"forecasts\"\nand actuals");

        ImportedCatalogue imported = CatalogueCsv.read(CatalogueCsv.write(draft.groups()));

        assertThat(imported.problems()).isEmpty();
        assertThat(CatalogueImport.apply(draft, imported)).isEqualTo(draft.groups());
    }

    @Test
    void readsRowsInAnyColumnOrderWithoutIdsFindingParentsByName() {
        String csv = """
                task,area,group,description
                ,,Planning,Portfolio office
                ,Reporting,Planning,
                Status returns,Reporting,Planning,Collect them
                """;

        ImportedCatalogue imported = CatalogueCsv.read(csv);

        assertThat(imported.problems()).isEmpty();
        ImportedItem group = imported.groups().get(0);
        assertThat(group.id()).isNull();
        assertThat(group.name()).isEqualTo("Planning");
        assertThat(group.line()).isEqualTo(2);
        ImportedItem task = group.children().get(0).children().get(0);
        assertThat(task.name()).isEqualTo("Status returns");
        assertThat(task.description()).isEqualTo("Collect them");
        assertThat(task.line()).isEqualTo(4);
        assertThat(task.fields()).isEqualTo(new ImportedItem.Fields("task_id", "task", "description"));
    }

    @Test
    void aRowWhoseParentComesLaterStillFindsIt() {
        String csv = """
                group,area,task
                Planning,Reporting,Status returns
                Planning,Reporting,
                Planning,,
                """;

        ImportedCatalogue imported = CatalogueCsv.read(csv);

        assertThat(imported.problems()).isEmpty();
        assertThat(imported.groups().get(0).children().get(0).children()).extracting(ImportedItem::name).containsExactly("Status returns");
    }

    @Test
    void reportsEveryStructuralProblemWithItsLine() {
        String csv = "group_id,group,area,task,retired\n"
                + "planning,Planning,,,\n"
                + ",Plannning,Reporting,,\n"
                + "planning,,,Orphan,\n"
                + "planning,,Risk,,maybe\n"
                + "\"multi\nline\",Delivery,,,\n"
                + ",,,,yes\n"
                + "delivery,Delivery,,,,extra\n";

        ImportedCatalogue imported = CatalogueCsv.read(csv);

        assertThat(imported.problems()).containsExactlyInAnyOrder(
                new ImportProblem(3, "group", "unknown group 'Plannning': declare the group on a row of its own"),
                new ImportProblem(4, "area", "a task needs its area"),
                new ImportProblem(5, "retired", "must be yes or no (or empty), not 'maybe'"),
                new ImportProblem(8, "group", "the row names no group, area or task"),
                new ImportProblem(9, null, "the row has 6 cells but the header has 5 columns"));
    }

    @Test
    void aGroupNamedTwiceMustBeReferredToById() {
        String csv = """
                group_id,group,area,task
                a,Planning,,
                b,Planning,,
                ,Planning,Reporting,
                """;

        assertThat(CatalogueCsv.read(csv).problems()).containsExactly(
                new ImportProblem(4, "group", "more than one group is named 'Planning': give group_id"));
    }

    @Test
    void checksTheHeader() {
        assertThat(CatalogueCsv.read("group,task,colour,task\n").problems()).containsExactly(
                new ImportProblem(1, "colour", "unknown column; the columns are group_id, group, area_id, area, task_id, task, description, retired"),
                new ImportProblem(1, "task", "the column appears twice"),
                new ImportProblem(1, "area", "the column is missing"));
        assertThat(CatalogueCsv.read("").problems()).extracting(ImportProblem::reason)
                .containsExactly("the file is empty: it needs a header row");
    }

    @Test
    void skipsBlankRowsAndAcceptsLfOrCrlf() {
        String csv = "group,area,task\r\nPlanning,,\r\n\r\n,,\nPlanning,Reporting,\n";

        ImportedCatalogue imported = CatalogueCsv.read(csv);

        assertThat(imported.problems()).isEmpty();
        assertThat(imported.groups().get(0).children()).extracting(ImportedItem::line).containsExactly(5);
    }

    @Test
    void anUnclosedQuoteMakesTheFileUnreadable() {
        assertThatThrownBy(() -> CatalogueCsv.read("group,area,task\nPlanning,\"Reporting,\n"))
                .isInstanceOf(MalformedImportException.class)
                .hasMessage("Line 2: a quoted cell is never closed");
    }
}
