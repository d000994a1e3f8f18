package org.pmoresearch.export.domain;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes the admin export as xlsx: a header row of ids, a header row of names, then one row per response.
 *
 * <p>POI builds the package around the rows (styles, column widths, the frozen panes) as a small template without
 * rows; the template is then copied into the zip stream, and when the copy reaches the worksheet, the rows are
 * written into its {@code <sheetData>} by {@link SheetRowsWriter} while the pages of responses come from analytics.
 * At most two pages are in memory (see {@link ResponsePages}), there is no temporary file, and each page reaches
 * the client as soon as it is written instead of after the last one.
 */
@Component
public class ResponsesWorkbookWriter {

    public static final String RESPONSES_SHEET = "Responses";
    public static final int FIRST_RESPONSE_ROW = 2;

    private static final byte[] EMPTY_SHEET_DATA = "<sheetData/>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHEET_DATA_START = "<sheetData>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHEET_DATA_END = "</sheetData>".getBytes(StandardCharsets.US_ASCII);

    private record Template(byte[] zip, String sheetEntry, int headerStyle) {
    }

    public void write(ResponseTable table, ResponsePages pages, OutputStream out) throws IOException {
        Template template = template(table);
        // Deflated at the fastest level: the sheet is mostly the same few cell elements, which compress well at any
        // level, and the default level took a large share of the time. The buffer gathers the deflater's small writes.
        // On a failure the zip is left unfinished, so a cut-off download never reads as a complete workbook; its
        // deflater is then released when collected. On success, closing it releases the deflater at once and only
        // flushes the client's stream, which belongs to the caller.
        ZipOutputStream zip = new ZipOutputStream(new KeptOpen(new BufferedOutputStream(out, 64 * 1024)));
        zip.setLevel(Deflater.BEST_SPEED);
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(template.zip()))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(template.sheetEntry())) {
                    writeSheet(entries.readAllBytes(), table, pages, template.headerStyle(), zip);
                } else {
                    entries.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        zip.close();
    }

    /** Passes writes on in whole arrays; closing it only flushes. */
    private static final class KeptOpen extends FilterOutputStream {

        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** The package without rows, made by POI: its styles, the sheet's column widths and frozen panes. */
    private static Template template(ResponseTable table) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            XSSFSheet sheet = workbook.createSheet(RESPONSES_SHEET);
            sheet.setColumnWidth(0, 38 * 256);
            sheet.setColumnWidth(1, 26 * 256);
            for (int column = 2; column < table.width(); column++) {
                sheet.setColumnWidth(column, (column < table.firstTaskColumn() ? 20 : 12) * 256);
            }
            sheet.createFreezePane(1, FIRST_RESPONSE_ROW);
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            workbook.write(zip);
            String partName = sheet.getPackagePart().getPartName().getName();
            return new Template(zip.toByteArray(), partName.substring(1), header.getIndex());
        }
    }

    /** The template's worksheet XML with the rows in place of its empty {@code <sheetData/>}. */
    private static void writeSheet(byte[] sheetXml, ResponseTable table, ResponsePages pages, int headerStyle,
                                   OutputStream zip) throws IOException {
        int at = indexOf(sheetXml, EMPTY_SHEET_DATA);
        if (at < 0) {
            throw new IllegalStateException("the template's worksheet has no empty <sheetData/>");
        }
        zip.write(sheetXml, 0, at);
        zip.write(SHEET_DATA_START);
        SheetRowsWriter rows = new SheetRowsWriter(table.width(), zip);
        int[] rowIndex = {FIRST_RESPONSE_ROW};
        try {
            textRow(rows, 0, headerStyle, table.columnIds());
            textRow(rows, 1, headerStyle, table.columnNames());
            pages.forEachPage(page -> {
                for (ExportedResponse response : page.items()) {
                    rows.startRow(rowIndex[0]++, 0);
                    table.write(response, rows);
                    rows.endRow();
                }
                // Each page goes on to the client as soon as it is written: the download shows progress, and a
                // client that has gone away is noticed before the next page is asked for.
                rows.flush();
                zip.flush();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        zip.write(SHEET_DATA_END);
        int after = at + EMPTY_SHEET_DATA.length;
        zip.write(sheetXml, after, sheetXml.length - after);
    }

    private static void textRow(SheetRowsWriter rows, int rowIndex, int style, List<String> values) {
        rows.startRow(rowIndex, style);
        for (int column = 0; column < values.size(); column++) {
            rows.text(column, values.get(column));
        }
        rows.endRow();
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int start = 0; start <= bytes.length - pattern.length; start++) {
            if (Arrays.equals(bytes, start, start + pattern.length, pattern, 0, pattern.length)) {
                return start;
            }
        }
        return -1;
    }
}
