package org.pmoresearch.export.domain;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import java.util.List;

/** Small helpers every sheet writer uses to fill cells; a null style keeps the default. */
final class Cells {

    private Cells() {
    }

    static Cell text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : value);
        return styled(cell, style);
    }

    static Cell number(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        return styled(cell, style);
    }

    static Cell blank(Row row, int column, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setBlank();
        return styled(cell, style);
    }

    static void header(Row row, List<String> titles, CellStyle style) {
        for (int column = 0; column < titles.size(); column++) {
            text(row, column, titles.get(column), style);
        }
    }

    /** What a suppressed figure reads as: "fewer than k". */
    static String fewerThan(int minCellSize) {
        return "<" + minCellSize;
    }

    /** A respondent count, or "&lt;k" when it stands for too few respondents to publish. */
    static void count(Row row, int column, Long count, int minCellSize, CellStyle style) {
        if (count == null) {
            text(row, column, fewerThan(minCellSize), style);
        } else {
            number(row, column, count, style);
        }
    }

    /** A share formatted as a percentage; left blank when suppressed, the count cell beside it says why. */
    static void share(Row row, int column, Double share, CellStyle style) {
        if (share == null) {
            blank(row, column, style);
        } else {
            number(row, column, share, style);
        }
    }

    /** Column widths are set up front: autoSizeColumn would need every row in memory, which SXSSF has already flushed. */
    static void widths(Sheet sheet, int... widthsInCharacters) {
        for (int column = 0; column < widthsInCharacters.length; column++) {
            sheet.setColumnWidth(column, widthsInCharacters[column] * 256);
        }
    }

    private static Cell styled(Cell cell, CellStyle style) {
        if (style != null) {
            cell.setCellStyle(style);
        }
        return cell;
    }
}
