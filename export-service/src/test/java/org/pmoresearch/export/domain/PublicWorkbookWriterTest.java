package org.pmoresearch.export.domain;

import org.apache.poi.ss.usermodel.ConditionalFormattingThreshold.RangeType;
import org.apache.poi.ss.usermodel.DataBarFormatting;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.pmoresearch.export.TestCatalogues;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The layout of the public sheets, written from figures in memory. */
class PublicWorkbookWriterTest {

    private static final DataFormatter FORMATTER = new DataFormatter();
    private static final ProfileDimensions DIMENSIONS = ProfileDimensions.fromContracts(JsonMapper.builder().build());

    private final PublicWorkbookWriter writer = new PublicWorkbookWriter(new PublicSheetsWriter(DIMENSIONS));

    private static final Hotspots EIGHT_RESPONDENTS = new Hotspots(8L, null, 5, false, Map.of(
            "portfolio-build", new Hotspots.AreaHotspot(new Figures(6L, 0.75, 1, "core", false), Map.of(
                    "portfolio-register", new Figures(5L, 0.625, 1, "common", false),
                    "demand-intake", new Figures(2L, 0.25, 2, "niche", false))),
            "secretariat", new Hotspots.AreaHotspot(new Figures(1L, 0.125, 2, "niche", false), Map.of())));

    @Test
    void outlinesEachAreasTasksUnderItsAreaRow() throws IOException {
        try (XSSFWorkbook workbook = write(EIGHT_RESPONDENTS, List.of())) {
            XSSFSheet services = workbook.getSheet(PublicSheetsWriter.SERVICES_SHEET);

            assertThat(rows(services, 0, 6)).containsExactly(
                    List.of("Group", "Service area", "Task", "Description", "Area id", "Task id"),
                    List.of("Planning", "Portfolio build & prioritisation", "", "Portfolio register, demand intake, scoring", "portfolio-build", ""),
                    List.of("Planning", "Portfolio build & prioritisation", "Portfolio register", "Maintain the register of initiatives", "portfolio-build", "portfolio-register"),
                    List.of("Planning", "Portfolio build & prioritisation", "Demand intake", "Receive and triage new proposals", "portfolio-build", "demand-intake"),
                    List.of("Planning", "Benefits management", "", "Benefits register and realisation tracking", "benefits-management", ""),
                    List.of("Planning", "Benefits management", "Benefits register", "Keep the register of expected benefits", "benefits-management", "benefits-register"),
                    List.of("Delivery", "Secretariat", "", "Agendas, minutes, action logs", "secretariat", ""));
            assertThat(List.of(1, 2, 3, 4, 5, 6)).map(rowIndex -> services.getRow(rowIndex).getCTRow().getOutlineLevel())
                    .containsExactly((short) 0, (short) 1, (short) 1, (short) 0, (short) 1, (short) 0);
            assertThat(services.getCTWorksheet().getSheetFormatPr().getOutlineLevelRow()).isEqualTo((short) 1);
            assertThat(services.getRowSumsBelow()).as("the area row sums up the rows below it").isFalse();
            assertThat(services.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(services.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:F7");
            assertThat(services.getColumnWidth(3)).isGreaterThan(services.getColumnWidth(0));
        }
    }

    @Test
    void setsFiguresRanksAndBandsBesideEveryRowWithDataBarsFromNoneToAll() throws IOException {
        try (XSSFWorkbook workbook = write(EIGHT_RESPONDENTS, List.of())) {
            XSSFSheet hotspots = workbook.getSheet(PublicSheetsWriter.HOTSPOTS_SHEET);

            assertThat(rows(hotspots, 3, 9)).containsExactly(
                    List.of("Planning", "Portfolio build & prioritisation", "", "6", "75.0%", "portfolio-build", "", "1", "core"),
                    List.of("Planning", "Portfolio build & prioritisation", "Portfolio register", "5", "62.5%", "portfolio-build", "portfolio-register", "1", "common"),
                    List.of("Planning", "Portfolio build & prioritisation", "Demand intake", "2", "25.0%", "portfolio-build", "demand-intake", "2", "niche"),
                    List.of("Planning", "Benefits management", "", "0", "0.0%", "benefits-management", "", "", ""),
                    List.of("Planning", "Benefits management", "Benefits register", "0", "0.0%", "benefits-management", "benefits-register", "", ""),
                    List.of("Delivery", "Secretariat", "", "1", "12.5%", "secretariat", "", "2", "niche"));
            assertThat(hotspots.getRow(4).getCell(4).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(hotspots.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 3);

            var formatting = hotspots.getSheetConditionalFormatting().getConditionalFormattingAt(0);
            assertThat(formatting.getFormattingRanges()).extracting(range -> range.formatAsString()).containsExactly("E4:E9", "L4:L6");
            DataBarFormatting bars = formatting.getRule(0).getDataBarFormatting();
            assertThat(bars.getMinThreshold().getRangeType()).isEqualTo(RangeType.NUMBER);
            assertThat(bars.getMinThreshold().getValue()).isEqualTo(0d);
            assertThat(bars.getMaxThreshold().getValue()).isEqualTo(1d);
        }
    }

    @Test
    void chartsTheAreasByShareAsHorizontalBarsReadFromTheSortedCells() throws IOException {
        try (XSSFWorkbook workbook = write(EIGHT_RESPONDENTS, List.of())) {
            XSSFSheet hotspots = workbook.getSheet(PublicSheetsWriter.HOTSPOTS_SHEET);
            var chart = hotspots.getDrawingPatriarch().getCharts().get(0);
            XDDFChartData.Series series = chart.getChartSeries().get(0).getSeries(0);

            assertThat(((XDDFBarChartData) chart.getChartSeries().get(0)).getBarDirection()).isEqualTo(BarDirection.BAR);
            assertThat(series.getCategoryData().getDataRangeReference()).isEqualTo("Hotspots!$K$4:$K$6");
            assertThat(series.getValuesData().getDataRangeReference()).isEqualTo("Hotspots!$L$4:$L$6");
            assertThat(List.of(0, 1, 2)).map(index -> (String) series.getCategoryData().getPointAt(index))
                    .containsExactly("Portfolio build & prioritisation", "Secretariat", "Benefits management");
            assertThat(series.getValuesData().getPointAt(1).doubleValue()).isCloseTo(0.125, within(1e-9));
            assertThat(chart.getTitleText().getString()).isEqualTo("Service areas by share of respondents");
        }
    }

    @Test
    void sharesAreZeroBeforeAnyoneHasResponded() throws IOException {
        try (XSSFWorkbook workbook = write(new Hotspots(0L, null, 5, false, Map.of()), List.of())) {
            Sheet sheet = workbook.getSheet(PublicSheetsWriter.HOTSPOTS_SHEET);

            assertThat(sheet.getRow(0).getCell(1).getNumericCellValue()).isZero();
            for (int rowIndex = 3; rowIndex <= sheet.getLastRowNum(); rowIndex++) {
                assertThat(sheet.getRow(rowIndex).getCell(3).getNumericCellValue()).isZero();
                assertThat(sheet.getRow(rowIndex).getCell(4).getNumericCellValue()).isZero();
            }
        }
    }

    @Test
    void breaksAreasDownByEverySegmentShowingSmallCellsAsFewerThanK() throws IOException {
        Hotspots enterprise = new Hotspots(6L, new SegmentFilter("pmoType", "enterprise"), 5, false, Map.of(
                "portfolio-build", new Hotspots.AreaHotspot(new Figures(5L, 0.833, 1, "core", false), Map.of()),
                "secretariat", new Hotspots.AreaHotspot(Figures.SUPPRESSED, Map.of())));
        Hotspots businessUnit = new Hotspots(null, new SegmentFilter("pmoType", "business-unit"), 5, true, Map.of());
        Hotspots permanent = new Hotspots(7L, new SegmentFilter("employment", "permanent"), 5, false, Map.of(
                "portfolio-build", new Hotspots.AreaHotspot(new Figures(7L, 1.0, 1, "core", false), Map.of())));
        List<SegmentBreakdown> breakdowns = List.of(
                new SegmentBreakdown("pmoType", "What kind of PMO do you work in?", List.of(
                        new SegmentBreakdown.Segment("enterprise", "Enterprise or portfolio PMO", enterprise),
                        new SegmentBreakdown.Segment("business-unit", "Business-unit or divisional PMO", businessUnit))),
                new SegmentBreakdown("employment", "Are you permanent or freelance?", List.of(
                        new SegmentBreakdown.Segment("permanent", "Permanent employee", permanent))));

        try (XSSFWorkbook workbook = write(EIGHT_RESPONDENTS, breakdowns)) {
            XSSFSheet bySegment = workbook.getSheet(PublicSheetsWriter.BY_SEGMENT_SHEET);

            assertThat(rows(bySegment, 2, 6)).containsExactly(
                    List.of("Profile question", "", "", "What kind of PMO do you work in?", "", "Are you permanent or freelance?"),
                    List.of("Group", "Service area", "Area id", "Enterprise or portfolio PMO", "Business-unit or divisional PMO", "Permanent employee"),
                    List.of("Respondents in the segment", "", "", "6", "<5", "7"),
                    List.of("Planning", "Portfolio build & prioritisation", "portfolio-build", "83.3%", "<5", "100.0%"),
                    List.of("Planning", "Benefits management", "benefits-management", "0.0%", "<5", "0.0%"),
                    List.of("Delivery", "Secretariat", "secretariat", "<5", "<5", "0.0%"));
            assertThat(bySegment.getMergedRegions()).extracting(range -> range.formatAsString()).containsExactly("D3:E3");
            var scale = bySegment.getSheetConditionalFormatting().getConditionalFormattingAt(0);
            assertThat(scale.getFormattingRanges()[0].formatAsString()).isEqualTo("D6:F8");
            assertThat(scale.getRule(0).getColorScaleFormatting().getNumControlPoints()).isEqualTo(3);
        }
    }

    @Test
    void aboutSaysWhatTheWorkbookHoldsAndHowToReadIt() throws IOException {
        try (XSSFWorkbook workbook = write(EIGHT_RESPONDENTS, List.of())) {
            assertThat(sheetNames(workbook)).containsExactly("About", "Services & tasks", "Hotspots", "By segment");
            Sheet about = workbook.getSheet(PublicSheetsWriter.ABOUT_SHEET);

            assertThat(about.getRow(0).getCell(0).getStringCellValue()).isEqualTo("PMO Services Research");
            assertThat(rows(about, 5, 2).subList(0, 4)).containsExactly(
                    List.of("Catalogue version", "2"),
                    List.of("Responses", "8"),
                    List.of("Respondents", "All respondents"),
                    List.of("Generated", "2025-05-02T09:00:00Z"));
            assertThat(rows(about, 11, 1)).extracting(row -> row.get(0))
                    .containsExactly("Services & tasks", "Hotspots", "By segment", "Bands", "Small numbers");
        }
    }

    private XSSFWorkbook write(Hotspots hotspots, List<SegmentBreakdown> breakdowns) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(new PublicFigures(TestCatalogues.version2(), hotspots, breakdowns, Instant.parse("2025-05-02T09:00:00Z")), out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static List<String> sheetNames(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        workbook.forEach(sheet -> names.add(sheet.getSheetName()));
        return names;
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
            cells.add(row == null ? "" : FORMATTER.formatCellValue(row.getCell(column)));
        }
        return cells;
    }
}
