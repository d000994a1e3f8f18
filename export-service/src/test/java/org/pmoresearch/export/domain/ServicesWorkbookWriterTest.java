package org.pmoresearch.export.domain;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.pmoresearch.export.TestCatalogues;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServicesWorkbookWriterTest {

    private static final DataFormatter FORMATTER = new DataFormatter();

    private final ServicesWorkbookWriter writer = new ServicesWorkbookWriter();

    private final Hotspots hotspots = new Hotspots(8, Map.of(
            "portfolio-build", new Hotspots.AreaCount(6, Map.of("portfolio-register", 5L, "demand-intake", 2L)),
            "secretariat", new Hotspots.AreaCount(1, Map.of())));

    @Test
    void servicesSheetListsEachAreaFollowedByItsTasksInCatalogueOrder() throws IOException {
        try (XSSFWorkbook workbook = write(hotspots)) {
            Sheet sheet = workbook.getSheet(ServicesWorkbookWriter.SERVICES_SHEET);

            assertThat(cells(sheet.getRow(0), 6))
                    .containsExactly("Group", "Service area", "Task", "Description", "Area id", "Task id");
            assertThat(rows(sheet, 1, 6)).containsExactly(
                    List.of("Planning", "Portfolio build & prioritisation", "", "Portfolio register, demand intake, scoring", "portfolio-build", ""),
                    List.of("Planning", "Portfolio build & prioritisation", "Portfolio register", "Maintain the register of initiatives", "portfolio-build", "portfolio-register"),
                    List.of("Planning", "Portfolio build & prioritisation", "Demand intake", "Receive and triage new proposals", "portfolio-build", "demand-intake"),
                    List.of("Planning", "Benefits management", "", "Benefits register and realisation tracking", "benefits-management", ""),
                    List.of("Planning", "Benefits management", "Benefits register", "Keep the register of expected benefits", "benefits-management", "benefits-register"),
                    List.of("Delivery", "Secretariat", "", "Agendas, minutes, action logs", "secretariat", ""));
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(workbook.getSheetAt(0).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:F7");
            assertThat(sheet.getColumnWidth(3)).isGreaterThan(sheet.getColumnWidth(0));
        }
    }

    @Test
    void hotspotsSheetSetsCountsAndSharesOfAllRespondentsAgainstTheSameRows() throws IOException {
        try (XSSFWorkbook workbook = write(hotspots)) {
            assertThat(workbook.getSheetName(0)).isEqualTo("Services & tasks");
            assertThat(workbook.getSheetName(1)).isEqualTo("Hotspots");
            Sheet sheet = workbook.getSheet(ServicesWorkbookWriter.HOTSPOTS_SHEET);

            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Total respondents");
            assertThat(sheet.getRow(0).getCell(1).getNumericCellValue()).isEqualTo(8);
            assertThat(sheet.getRow(1)).isNull();
            assertThat(cells(sheet.getRow(2), 7))
                    .containsExactly("Group", "Service area", "Task", "Respondents", "Share", "Area id", "Task id");
            assertThat(rows(sheet, 3, 7)).containsExactly(
                    List.of("Planning", "Portfolio build & prioritisation", "", "6", "75.0%", "portfolio-build", ""),
                    List.of("Planning", "Portfolio build & prioritisation", "Portfolio register", "5", "62.5%", "portfolio-build", "portfolio-register"),
                    List.of("Planning", "Portfolio build & prioritisation", "Demand intake", "2", "25.0%", "portfolio-build", "demand-intake"),
                    List.of("Planning", "Benefits management", "", "0", "0.0%", "benefits-management", ""),
                    List.of("Planning", "Benefits management", "Benefits register", "0", "0.0%", "benefits-management", "benefits-register"),
                    List.of("Delivery", "Secretariat", "", "1", "12.5%", "secretariat", ""));

            Row taskRow = sheet.getRow(4);
            assertThat(taskRow.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(taskRow.getCell(4).getNumericCellValue()).isCloseTo(0.625, within(1e-9));
            assertThat(taskRow.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 3);
        }
    }

    @Test
    void sharesAreZeroBeforeAnyoneHasResponded() throws IOException {
        try (XSSFWorkbook workbook = write(new Hotspots(0, Map.of()))) {
            Sheet sheet = workbook.getSheet(ServicesWorkbookWriter.HOTSPOTS_SHEET);

            assertThat(sheet.getRow(0).getCell(1).getNumericCellValue()).isZero();
            for (int rowIndex = 3; rowIndex <= sheet.getLastRowNum(); rowIndex++) {
                assertThat(sheet.getRow(rowIndex).getCell(3).getNumericCellValue()).isZero();
                assertThat(sheet.getRow(rowIndex).getCell(4).getNumericCellValue()).isZero();
            }
        }
    }

    private XSSFWorkbook write(Hotspots figures) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(TestCatalogues.version2(), figures, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static List<List<String>> rows(Sheet sheet, int firstRow, int columns) {
        List<List<String>> rows = new ArrayList<>();
        for (int rowIndex = firstRow; rowIndex <= sheet.getLastRowNum(); rowIndex++) {
            rows.add(cells(sheet.getRow(rowIndex), columns));
        }
        return rows;
    }

    private static List<String> cells(Row row, int columns) {
        List<String> cells = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            cells.add(FORMATTER.formatCellValue(row.getCell(column)));
        }
        return cells;
    }
}
