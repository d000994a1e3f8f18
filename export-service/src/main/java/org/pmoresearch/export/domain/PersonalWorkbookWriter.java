package org.pmoresearch.export.domain;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

import static org.pmoresearch.export.domain.Cells.blank;
import static org.pmoresearch.export.domain.Cells.header;
import static org.pmoresearch.export.domain.Cells.number;
import static org.pmoresearch.export.domain.Cells.share;
import static org.pmoresearch.export.domain.Cells.text;
import static org.pmoresearch.export.domain.Cells.widths;

/**
 * Writes a respondent's own workbook: first "Your PMO", their answers set against the community's, then the
 * public sheets.
 */
@Component
public class PersonalWorkbookWriter {

    public static final String YOUR_PMO_SHEET = "Your PMO";
    public static final String WORTH_DEVELOPING_NEXT = "Worth developing next";
    public static final String EVERY_AREA_AND_TASK = "Every service area and task";
    public static final List<String> WORTH_DEVELOPING_NEXT_HEADER =
            List.of("Rank", "Service area", "Task", "Community share", "Area id", "Task id");
    public static final List<String> COMPARISON_HEADER =
            List.of("Group", "Service area", "Task", "You do this", "Community share", "Gap", "Area id", "Task id");
    public static final String TICK = "✓";
    public static final String NOT_ASKED = "not asked";
    public static final String GAP = "Gap";

    private static final int ROWS_KEPT_IN_MEMORY = 100;

    private final PublicSheetsWriter publicSheets;

    public PersonalWorkbookWriter(PublicSheetsWriter publicSheets) {
        this.publicSheets = publicSheets;
    }

    /** @param figures the unfiltered public figures the comparison was made with */
    public void write(PersonalResponse response, PersonalComparison comparison, PublicFigures figures,
                      double gapThresholdPercent, OutputStream out) throws IOException {
        String threshold = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(gapThresholdPercent) + "%";
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_KEPT_IN_MEMORY)) {
            workbook.setCompressTempFiles(true);
            WorkbookStyles styles = new WorkbookStyles(workbook);
            writeYourPmo(workbook.createSheet(YOUR_PMO_SHEET), response, comparison, figures, threshold, styles);
            publicSheets.write(workbook, styles, figures, List.of(new PublicSheetsWriter.SheetGuide(YOUR_PMO_SHEET,
                    "Every area and task: " + TICK + " for what you do, the community's share beside it, your gaps "
                            + "highlighted (tasks at least " + threshold + " of PMOs carry out that you don't) and the missing "
                            + "tasks most worth developing next. Tasks added after you answered read \"" + NOT_ASKED + "\".")));
            workbook.write(out);
        }
    }

    private static void writeYourPmo(SXSSFSheet sheet, PersonalResponse response, PersonalComparison comparison,
                                     PublicFigures figures, String threshold, WorkbookStyles styles) {
        widths(sheet, 30, 40, 48, 16, 16, 8, 32, 36);
        sheet.setRowSumsBelow(false);
        int rowIndex = 0;
        text(sheet.createRow(rowIndex++), 0, "Your PMO set against the community", styles.title);
        rowIndex = keyValue(sheet, rowIndex, "Response", response.responseId().toString(), styles);
        rowIndex = keyValue(sheet, rowIndex, "Submitted", String.valueOf(response.submittedAt()), styles);
        rowIndex = keyNumber(sheet, rowIndex, "Respondents in the community", figures.hotspots().totalResponses(), styles);
        rowIndex = keyNumber(sheet, rowIndex, "Tasks you carry out", comparison.tasksDone(), styles);
        rowIndex = keyNumber(sheet, rowIndex, "Tasks in the catalogue", comparison.tasksInCatalogue(), styles);
        Row gaps = sheet.createRow(rowIndex++);
        text(gaps, 0, "Gaps", styles.bold);
        number(gaps, 1, comparison.gaps(), null);
        text(gaps, 2, "tasks at least " + threshold + " of PMOs carry out that you don't, highlighted below", null);
        rowIndex++;

        Row nextTitle = sheet.createRow(rowIndex++);
        text(nextTitle, 0, WORTH_DEVELOPING_NEXT, styles.title);
        text(nextTitle, 2, "the tasks you don't carry out, the most common among PMOs first", null);
        header(sheet.createRow(rowIndex++), WORTH_DEVELOPING_NEXT_HEADER, styles.header);
        int rank = 1;
        for (PersonalComparison.TaskLine line : comparison.worthDevelopingNext()) {
            Row row = sheet.createRow(rowIndex++);
            number(row, 0, rank++, null);
            text(row, 1, line.area().name(), null);
            text(row, 2, line.task().name(), null);
            share(row, 3, line.community().share(), styles.share);
            text(row, 4, line.area().id(), null);
            text(row, 5, line.task().id(), null);
        }
        if (comparison.worthDevelopingNext().isEmpty()) {
            text(sheet.createRow(rowIndex++), 1, "Nothing missing: you carry out every task other PMOs report.", null);
        }
        rowIndex++;

        text(sheet.createRow(rowIndex++), 0, EVERY_AREA_AND_TASK, styles.title);
        header(sheet.createRow(rowIndex++), COMPARISON_HEADER, styles.header);
        for (PersonalComparison.AreaLine area : comparison.areas()) {
            Row areaRow = sheet.createRow(rowIndex++);
            text(areaRow, 0, area.group().name(), styles.bold);
            text(areaRow, 1, area.area().name(), styles.bold);
            blank(areaRow, 2, null);
            text(areaRow, 3, area.done() ? TICK : "", styles.tick);
            share(areaRow, 4, area.community().share(), styles.boldShare);
            blank(areaRow, 5, null);
            text(areaRow, 6, area.area().id(), null);
            blank(areaRow, 7, null);
            int firstTaskRow = rowIndex;
            for (PersonalComparison.TaskLine task : area.tasks()) {
                writeTask(sheet.createRow(rowIndex++), area, task, styles);
            }
            if (rowIndex > firstTaskRow) {
                sheet.groupRow(firstTaskRow, rowIndex - 1);
            }
        }
    }

    private static void writeTask(Row row, PersonalComparison.AreaLine area, PersonalComparison.TaskLine task, WorkbookStyles styles) {
        CellStyle plain = task.gap() ? styles.gap : null;
        text(row, 0, area.group().name(), plain);
        text(row, 1, area.area().name(), plain);
        text(row, 2, task.task().name(), plain);
        text(row, 3, switch (task.answer()) {
            case DONE -> TICK;
            case NOT_DONE -> "";
            case NOT_ASKED -> NOT_ASKED;
        }, task.gap() ? styles.gap : styles.tick);
        share(row, 4, task.community().share(), task.gap() ? styles.gapShare : styles.share);
        text(row, 5, task.gap() ? GAP : "", plain);
        text(row, 6, area.area().id(), plain);
        text(row, 7, task.task().id(), plain);
    }

    private static int keyValue(SXSSFSheet sheet, int rowIndex, String key, String value, WorkbookStyles styles) {
        Row row = sheet.createRow(rowIndex);
        text(row, 0, key, styles.bold);
        text(row, 1, value, null);
        return rowIndex + 1;
    }

    private static int keyNumber(SXSSFSheet sheet, int rowIndex, String key, Number value, WorkbookStyles styles) {
        Row row = sheet.createRow(rowIndex);
        text(row, 0, key, styles.bold);
        if (value == null) {
            blank(row, 1, null);
        } else {
            number(row, 1, value.doubleValue(), null);
        }
        return rowIndex + 1;
    }
}
