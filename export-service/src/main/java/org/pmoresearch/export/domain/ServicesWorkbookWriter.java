package org.pmoresearch.export.domain;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes the public PMO services workbook: sheet "Services & tasks" lists every area and task of the
 * catalogue; sheet "Hotspots" sets the community's figures against the same rows.
 * Rows stream through SXSSF so memory stays flat however large the catalogue grows.
 */
@Component
public class ServicesWorkbookWriter {

    public static final String SERVICES_SHEET = "Services & tasks";
    public static final String HOTSPOTS_SHEET = "Hotspots";

    private static final int ROWS_KEPT_IN_MEMORY = 100;
    private static final List<String> SERVICES_HEADER =
            List.of("Group", "Service area", "Task", "Description", "Area id", "Task id");
    private static final int[] SERVICES_COLUMN_CHARS = {26, 40, 48, 90, 32, 36};
    private static final List<String> HOTSPOTS_HEADER =
            List.of("Group", "Service area", "Task", "Respondents", "Share", "Area id", "Task id");
    private static final int[] HOTSPOTS_COLUMN_CHARS = {26, 40, 48, 13, 10, 32, 36};
    private static final int HOTSPOTS_HEADER_ROW = 2;

    public void write(CataloguePublished catalogue, Hotspots hotspots, OutputStream out) throws IOException {
        // close() also deletes SXSSF's temporary row files (it replaces the deprecated dispose()), even on failure.
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_KEPT_IN_MEMORY)) {
            workbook.setCompressTempFiles(true);
            Styles styles = new Styles(workbook);
            writeServicesSheet(workbook.createSheet(SERVICES_SHEET), catalogue.groups(), styles);
            writeHotspotsSheet(workbook.createSheet(HOTSPOTS_SHEET), catalogue.groups(), hotspots, styles);
            workbook.write(out);
        }
    }

    private void writeServicesSheet(Sheet sheet, List<CatalogueGroup> groups, Styles styles) {
        setColumnWidths(sheet, SERVICES_COLUMN_CHARS);
        writeHeader(sheet.createRow(0), SERVICES_HEADER, styles.header);
        int rowIndex = 1;
        for (CatalogueGroup group : groups) {
            for (CatalogueArea area : nullSafe(group.areas())) {
                Row areaRow = sheet.createRow(rowIndex++);
                text(areaRow, 0, group.name(), styles.area);
                text(areaRow, 1, area.name(), styles.area);
                areaRow.createCell(2).setBlank();
                text(areaRow, 3, area.description(), null);
                text(areaRow, 4, area.id(), null);
                areaRow.createCell(5).setBlank();
                for (CatalogueTask task : nullSafe(area.tasks())) {
                    Row taskRow = sheet.createRow(rowIndex++);
                    text(taskRow, 0, group.name(), null);
                    text(taskRow, 1, area.name(), null);
                    text(taskRow, 2, task.name(), null);
                    text(taskRow, 3, task.description(), null);
                    text(taskRow, 4, area.id(), null);
                    text(taskRow, 5, task.id(), null);
                }
            }
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, rowIndex - 1, 0, SERVICES_HEADER.size() - 1));
    }

    private void writeHotspotsSheet(Sheet sheet, List<CatalogueGroup> groups, Hotspots hotspots, Styles styles) {
        setColumnWidths(sheet, HOTSPOTS_COLUMN_CHARS);
        Row totalRow = sheet.createRow(0);
        text(totalRow, 0, "Total respondents", styles.header);
        totalRow.createCell(1).setCellValue(hotspots.totalResponses());
        writeHeader(sheet.createRow(HOTSPOTS_HEADER_ROW), HOTSPOTS_HEADER, styles.header);
        int rowIndex = HOTSPOTS_HEADER_ROW + 1;
        for (CatalogueGroup group : groups) {
            for (CatalogueArea area : nullSafe(group.areas())) {
                long areaCount = hotspots.areaCount(area.id());
                Row areaRow = sheet.createRow(rowIndex++);
                text(areaRow, 0, group.name(), styles.area);
                text(areaRow, 1, area.name(), styles.area);
                areaRow.createCell(2).setBlank();
                figures(areaRow, areaCount, hotspots.shareOf(areaCount), styles.area, styles.areaShare);
                text(areaRow, 5, area.id(), null);
                areaRow.createCell(6).setBlank();
                for (CatalogueTask task : nullSafe(area.tasks())) {
                    long taskCount = hotspots.taskCount(area.id(), task.id());
                    Row taskRow = sheet.createRow(rowIndex++);
                    text(taskRow, 0, group.name(), null);
                    text(taskRow, 1, area.name(), null);
                    text(taskRow, 2, task.name(), null);
                    figures(taskRow, taskCount, hotspots.shareOf(taskCount), null, styles.share);
                    text(taskRow, 5, area.id(), null);
                    text(taskRow, 6, task.id(), null);
                }
            }
        }
        sheet.createFreezePane(0, HOTSPOTS_HEADER_ROW + 1);
    }

    private static void figures(Row row, long respondents, double share, CellStyle respondentsStyle, CellStyle shareStyle) {
        var respondentsCell = row.createCell(3);
        respondentsCell.setCellValue(respondents);
        if (respondentsStyle != null) {
            respondentsCell.setCellStyle(respondentsStyle);
        }
        var shareCell = row.createCell(4);
        shareCell.setCellValue(share);
        shareCell.setCellStyle(shareStyle);
    }

    private static void writeHeader(Row row, List<String> titles, CellStyle style) {
        for (int column = 0; column < titles.size(); column++) {
            text(row, column, titles.get(column), style);
        }
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        var cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    // Column widths are set up front: autoSizeColumn would need every row in memory, which SXSSF has already flushed.
    private static void setColumnWidths(Sheet sheet, int[] widthsInCharacters) {
        for (int column = 0; column < widthsInCharacters.length; column++) {
            sheet.setColumnWidth(column, widthsInCharacters[column] * 256);
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Created once per workbook: a workbook holds at most 64,000 styles, so never one per cell. */
    private static final class Styles {

        private final CellStyle header;
        private final CellStyle area;
        private final CellStyle share;
        private final CellStyle areaShare;

        private Styles(SXSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            short percent = workbook.createDataFormat().getFormat("0.0%");

            header = workbook.createCellStyle();
            header.setFont(bold);
            area = workbook.createCellStyle();
            area.setFont(bold);
            share = workbook.createCellStyle();
            share.setDataFormat(percent);
            areaShare = workbook.createCellStyle();
            areaShare.setFont(bold);
            areaShare.setDataFormat(percent);
        }
    }
}
