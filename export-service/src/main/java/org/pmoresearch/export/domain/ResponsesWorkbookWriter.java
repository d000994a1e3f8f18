package org.pmoresearch.export.domain;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * Writes the admin export as xlsx: a header row of ids, a header row of names, then one row per response.
 * The rows are generated while the workbook is being written (POI's deferred SXSSF), so each page of responses
 * goes from analytics into the zip stream and on to the client without a temporary sheet file; the client gets
 * bytes from the start instead of waiting for the last page.
 */
@Component
public class ResponsesWorkbookWriter {

    public static final String RESPONSES_SHEET = "Responses";
    public static final int FIRST_RESPONSE_ROW = 2;

    private static final int ROWS_KEPT_IN_MEMORY = 100;

    public void write(ResponseTable table, ResponsePages pages, OutputStream out) throws IOException {
        try (DeferredSXSSFWorkbook workbook = new FastDeflatingWorkbook(ROWS_KEPT_IN_MEMORY)) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            // Set on every cell: a cell without a style makes SXSSF look up its column's style among the sheet's column
            // definitions, an XML scan per cell that made a 100k × 166 export take many minutes instead of seconds.
            CellStyle plain = workbook.getCellStyleAt(0);
            DeferredSXSSFSheet sheet = workbook.createSheet(RESPONSES_SHEET);
            sheet.setColumnWidth(0, 38 * 256);
            sheet.setColumnWidth(1, 26 * 256);
            for (int column = 2; column < table.width(); column++) {
                sheet.setColumnWidth(column, (column < table.firstTaskColumn() ? 20 : 12) * 256);
            }
            sheet.createFreezePane(1, FIRST_RESPONSE_ROW);
            sheet.setRowGenerator(generated -> {
                headerRow(generated.createRow(0), table.columnIds().toArray(String[]::new), header);
                headerRow(generated.createRow(1), table.columnNames().toArray(String[]::new), header);
                int[] rowIndex = {FIRST_RESPONSE_ROW};
                pages.forEachPage(page -> {
                    for (ExportedResponse response : page.items()) {
                        Row row = generated.createRow(rowIndex[0]++);
                        table.write(response, new ResponseTable.Cells() {
                            @Override
                            public void text(int column, String value) {
                                Cell cell = row.createCell(column);
                                cell.setCellStyle(plain);
                                cell.setCellValue(value);
                            }

                            @Override
                            public void number(int column, long value) {
                                Cell cell = row.createCell(column);
                                cell.setCellStyle(plain);
                                cell.setCellValue(value);
                            }
                        });
                    }
                });
            });
            workbook.write(out);
        }
    }

    /**
     * Deflates the package at the fastest level: the sheet of a large export is mostly the same few cell
     * elements, which compress well at any level, and the default level took a large share of the time.
     */
    private static final class FastDeflatingWorkbook extends DeferredSXSSFWorkbook {

        FastDeflatingWorkbook(int rowsKeptInMemory) {
            super(rowsKeptInMemory);
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }

    private static void headerRow(Row row, String[] titles, CellStyle style) {
        for (int column = 0; column < titles.length; column++) {
            var cell = row.createCell(column);
            cell.setCellValue(titles[column]);
            cell.setCellStyle(style);
        }
    }
}
