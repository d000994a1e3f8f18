package org.pmoresearch.export.domain;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.pmoresearch.export.TestCatalogues;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponsesWorkbookWriterTest {

    private final ResponseTable table = new ResponseTable(TestCatalogues.version2(),
            ProfileDimensions.fromContracts(JsonMapper.builder().build()));

    @Test
    void writesBothHeadersThenOneRowPerResponseOfEveryPage() throws IOException {
        ExportedResponse first = new ExportedResponse("id-1", "2025-05-02T09:00:00Z", 2, Map.of("region", "europe"),
                Map.of("portfolio-build", List.of("demand-intake")));
        ExportedResponse second = new ExportedResponse("id-2", "2025-05-02T09:01:00Z", null, Map.of(), Map.of());
        ResponsePages pages = new ResponsePages(new ResponsePage(List.of(first), "id-1"),
                cursor -> new ResponsePage(List.of(second), null));

        try (XSSFWorkbook workbook = written(pages)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            XSSFSheet sheet = workbook.getSheet(ResponsesWorkbookWriter.RESPONSES_SHEET);
            assertThat(texts(sheet.getRow(0))).isEqualTo(table.columnIds());
            assertThat(texts(sheet.getRow(1))).isEqualTo(table.columnNames());
            assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
            assertThat(sheet.getRow(1).getCell(13).getCellStyle().getFont().getBold()).isTrue();
            assertThat(texts(sheet.getRow(2))).containsExactly("id-1", "2025-05-02T09:00:00Z", "2", "", "", "", "europe", "",
                    "", "", "", "0", "1", "0");
            assertThat(sheet.getRow(2).getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(2).getCell(12).getNumericCellValue()).isEqualTo(1.0);
            assertThat(sheet.getRow(2).getCell(6).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(2).getCell(0).getCellStyle().getFont().getBold()).isFalse();
            assertThat(sheet.getRow(2).getCell(3)).as("unanswered: no cell").isNull();
            assertThat(sheet.getRow(3).getCell(2)).as("no catalogue version: no cell").isNull();
            assertThat(texts(sheet.getRow(3)).subList(11, 14)).containsExactly("0", "0", "0");
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 1);
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) ResponsesWorkbookWriter.FIRST_RESPONSE_ROW);
            assertThat(sheet.getColumnWidth(0)).isEqualTo(38 * 256);
            assertThat(sheet.getColumnWidth(13)).isEqualTo(12 * 256);
        }
    }

    @Test
    void keepsEveryCharacterXmlCanCarryAndReplacesTheOthers() throws IOException {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("pmoType", "a & b < c > d \"e\" 'f'");
        answers.put("role", "  leading and trailing  ");
        answers.put("sector", "tab\there\nline\r\ncrlf\rcr");
        answers.put("region", "Zürich 東京 \uD83D\uDE80 Ω");
        answers.put("organisationSize", "bell\u0007 nul\u0000 fffe\uFFFE lone\uD800 low\uDC00 end");
        answers.put("pmoHeadcount", "");
        answers.put("yearsInPmo", "東".repeat(30_000));
        ExportedResponse response = new ExportedResponse("id-1", "2025-05-02T09:00:00Z", 2, answers, Map.of());

        try (XSSFWorkbook workbook = written(new ResponsePages(new ResponsePage(List.of(response), null), cursor -> null))) {
            XSSFRow row = workbook.getSheet(ResponsesWorkbookWriter.RESPONSES_SHEET).getRow(2);
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("a & b < c > d \"e\" 'f'");
            assertThat(row.getCell(4).getStringCellValue()).isEqualTo("  leading and trailing  ");
            assertThat(row.getCell(5).getStringCellValue()).isEqualTo("tab\there\nline\r\ncrlf\rcr");
            assertThat(row.getCell(6).getStringCellValue()).isEqualTo("Zürich 東京 \uD83D\uDE80 Ω");
            assertThat(row.getCell(7).getStringCellValue()).isEqualTo("bell? nul? fffe? lone? low? end");
            assertThat(row.getCell(8).getStringCellValue()).isEmpty();
            assertThat(row.getCell(9).getStringCellValue()).isEqualTo("東".repeat(30_000));
        }
    }

    @Test
    void refusesWhatTheFileFormatCannotHold() {
        SheetRowsWriter rows = new SheetRowsWriter(3, new ByteArrayOutputStream());
        rows.startRow(5, 0);
        assertThatThrownBy(() -> rows.startRow(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rows.startRow(SheetRowsWriter.MAX_ROWS, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rows.text(0, "x".repeat(SheetRowsWriter.MAX_TEXT_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32767");
        assertThatThrownBy(() -> new SheetRowsWriter(SheetRowsWriter.MAX_COLUMNS + 1, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesColumnsAsSpreadsheetsDo() {
        assertThat(SheetRowsWriter.columnName(0)).isEqualTo("A");
        assertThat(SheetRowsWriter.columnName(25)).isEqualTo("Z");
        assertThat(SheetRowsWriter.columnName(26)).isEqualTo("AA");
        assertThat(SheetRowsWriter.columnName(51)).isEqualTo("AZ");
        assertThat(SheetRowsWriter.columnName(52)).isEqualTo("BA");
        assertThat(SheetRowsWriter.columnName(701)).isEqualTo("ZZ");
        assertThat(SheetRowsWriter.columnName(702)).isEqualTo("AAA");
        assertThat(SheetRowsWriter.columnName(SheetRowsWriter.MAX_COLUMNS - 1)).isEqualTo("XFD");
    }

    @Test
    void writesEveryCellWithItsReferenceAcrossManyBuffers() throws IOException {
        List<ExportedResponse> responses = new ArrayList<>();
        for (int index = 0; index < 3_000; index++) {
            responses.add(new ExportedResponse("id-" + index, "2025-05-02T09:00:00Z", index, Map.of("region", "r" + index),
                    Map.of("benefits-management", List.of("benefits-register"))));
        }
        ResponsePages pages = new ResponsePages(new ResponsePage(responses.subList(0, 1_000), "a"),
                cursor -> cursor.equals("a") ? new ResponsePage(responses.subList(1_000, 3_000), null) : null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ResponsesWorkbookWriter().write(table, pages, out);

        String sheetXml = sheetXml(out.toByteArray());
        assertThat(sheetXml).contains("<row r=\"3002\"><c r=\"A3002\" t=\"inlineStr\"><is><t>id-2999</t></is></c>"
                + "<c r=\"B3002\" t=\"inlineStr\"><is><t>2025-05-02T09:00:00Z</t></is></c><c r=\"C3002\"><v>2999</v></c>");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = workbook.getSheet(ResponsesWorkbookWriter.RESPONSES_SHEET);
            assertThat(sheet.getLastRowNum()).isEqualTo(3_001);
            for (int index = 0; index < 3_000; index++) {
                XSSFRow row = sheet.getRow(ResponsesWorkbookWriter.FIRST_RESPONSE_ROW + index);
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo("id-" + index);
                assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(index);
                assertThat(row.getCell(6).getStringCellValue()).isEqualTo("r" + index);
                assertThat(row.getCell(13).getNumericCellValue()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void passesOnTheClientsStreamFailure() {
        ResponsePages pages = new ResponsePages(new ResponsePage(List.of(new ExportedResponse("id-1", "t", 1, Map.of(),
                Map.of())), null), cursor -> null);
        var failing = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("client went away");
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                throw new IOException("client went away");
            }
        };
        assertThatThrownBy(() -> new ResponsesWorkbookWriter().write(table, pages, failing))
                .isInstanceOf(IOException.class).isNotInstanceOf(UncheckedIOException.class);
    }

    @Test
    void leavesTheZipUnfinishedWhenAPageCannotBeRead() {
        ResponsePages pages = new ResponsePages(new ResponsePage(List.of(new ExportedResponse("id-1", "t", 1, Map.of(),
                Map.of())), "id-1"), cursor -> {
            throw new ExportUnavailableException("analytics-service did not answer.");
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> new ResponsesWorkbookWriter().write(table, pages, out)).isInstanceOf(ExportUnavailableException.class);
        assertThatThrownBy(() -> new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray())))
                .as("a cut-off download is not a workbook").isInstanceOf(Exception.class);
        byte[] written = out.toByteArray();
        assertThat(written.length).as("the rows before the failure were sent").isGreaterThan(0);
        assertThat(new String(written, java.nio.charset.StandardCharsets.ISO_8859_1)).as("no end of central directory")
                .doesNotContain("PK\u0005\u0006");
    }

    private XSSFWorkbook written(ResponsePages pages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ResponsesWorkbookWriter().write(table, pages, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static String sheetXml(byte[] xlsx) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().startsWith("xl/worksheets/")) {
                    return new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no worksheet in the package");
    }

    private static List<String> texts(XSSFRow row) {
        DataFormatter formatter = new DataFormatter();
        List<String> texts = new ArrayList<>();
        for (int column = 0; column < row.getLastCellNum(); column++) {
            texts.add(row.getCell(column) == null ? "" : formatter.formatCellValue(row.getCell(column)));
        }
        return texts;
    }
}
