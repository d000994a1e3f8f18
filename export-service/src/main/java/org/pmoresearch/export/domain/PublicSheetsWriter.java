package org.pmoresearch.export.domain;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ColorScaleFormatting;
import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.ConditionalFormattingThreshold.RangeType;
import org.apache.poi.ss.usermodel.DataBarFormatting;
import org.apache.poi.ss.usermodel.ExtendedColor;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CatalogueTask;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.pmoresearch.export.domain.Cells.blank;
import static org.pmoresearch.export.domain.Cells.count;
import static org.pmoresearch.export.domain.Cells.fewerThan;
import static org.pmoresearch.export.domain.Cells.header;
import static org.pmoresearch.export.domain.Cells.number;
import static org.pmoresearch.export.domain.Cells.share;
import static org.pmoresearch.export.domain.Cells.text;
import static org.pmoresearch.export.domain.Cells.widths;

/**
 * Writes the sheets everyone gets, in this order: "About", "Services &amp; tasks" (every group, area and task,
 * task rows outlined under their area), "Hotspots" (the community's figures, with data bars and a native bar
 * chart of the areas by share) and "By segment" (each area's share within every segment of every profile
 * question). Rows stream through SXSSF; nothing here needs more than the current row in memory.
 */
@Component
public class PublicSheetsWriter {

    public static final String ABOUT_SHEET = "About";
    public static final String SERVICES_SHEET = "Services & tasks";
    public static final String HOTSPOTS_SHEET = "Hotspots";
    public static final String BY_SEGMENT_SHEET = "By segment";

    public static final int HOTSPOTS_HEADER_ROW = 2;
    /** Column K: areas sorted by share, the cells the chart's series point at. */
    public static final int CHART_DATA_COLUMN = 10;
    public static final int SEGMENT_QUESTION_ROW = 2;
    public static final int SEGMENT_HEADER_ROW = 3;
    public static final int SEGMENT_TOTALS_ROW = 4;

    static final List<String> SERVICES_HEADER =
            List.of("Group", "Service area", "Task", "Description", "Area id", "Task id");
    static final List<String> HOTSPOTS_HEADER =
            List.of("Group", "Service area", "Task", "Respondents", "Share", "Area id", "Task id", "Rank", "Band");
    static final List<String> SEGMENT_HEADER = List.of("Group", "Service area", "Area id");

    private static final int SHARE_COLUMN = 4;
    private static final int FIRST_SEGMENT_COLUMN = SEGMENT_HEADER.size();
    private static final int CHART_FIRST_COLUMN = CHART_DATA_COLUMN + 3;
    private static final int CHART_WIDTH_COLUMNS = 10;
    private static final int CHART_MIN_HEIGHT_ROWS = 20;
    private static final String BAR_COLOUR = "FF638EC6";
    private static final String[] SCALE_COLOURS = {"FFFFFFFF", "FFBDD7EE", "FF2F75B5"};

    /** One line of the About sheet's guide to the sheets. */
    public record SheetGuide(String sheet, String guide) {
    }

    private final ProfileDimensions dimensions;

    public PublicSheetsWriter(ProfileDimensions dimensions) {
        this.dimensions = dimensions;
    }

    /** @param leadingGuides guides to sheets placed before the public ones, e.g. a personal sheet */
    void write(SXSSFWorkbook workbook, WorkbookStyles styles, PublicFigures figures, List<SheetGuide> leadingGuides) {
        writeAbout(workbook.createSheet(ABOUT_SHEET), figures, leadingGuides, styles);
        writeServices(workbook.createSheet(SERVICES_SHEET), figures, styles);
        writeHotspots(workbook, workbook.createSheet(HOTSPOTS_SHEET), figures, styles);
        writeBySegment(workbook, workbook.createSheet(BY_SEGMENT_SHEET), figures, styles);
    }

    private void writeAbout(Sheet sheet, PublicFigures figures, List<SheetGuide> leadingGuides, WorkbookStyles styles) {
        widths(sheet, 26, 120);
        Hotspots hotspots = figures.hotspots();
        int minCellSize = hotspots.minCellSize();
        int rowIndex = 0;
        text(sheet.createRow(rowIndex++), 0, "PMO Services Research", styles.title);
        for (String line : List.of(
                "PMO practitioners listed every service area a PMO can offer, each with its typical tasks, drawing on P3O, PMO competency work and practitioners' CVs.",
                "Respondents then told us which areas and tasks they carry out in their PMO role today. This workbook sets the whole catalogue against their answers:",
                "how wide the job is, which services almost every PMO runs, the long tail, and where a PMO could do more.")) {
            text(sheet.createRow(rowIndex++), 0, line, null);
        }
        rowIndex++;
        Row version = sheet.createRow(rowIndex++);
        text(version, 0, "Catalogue version", styles.bold);
        number(version, 1, figures.catalogue().version(), null);
        Row responses = sheet.createRow(rowIndex++);
        text(responses, 0, "Responses", styles.bold);
        count(responses, 1, hotspots.totalResponses(), minCellSize, null);
        Row segment = sheet.createRow(rowIndex++);
        text(segment, 0, "Respondents", styles.bold);
        text(segment, 1, describe(hotspots.filter()), null);
        Row generated = sheet.createRow(rowIndex++);
        text(generated, 0, "Generated", styles.bold);
        text(generated, 1, figures.generatedAt().toString(), null);
        rowIndex++;
        text(sheet.createRow(rowIndex++), 0, "How to read the sheets", styles.header);
        List<SheetGuide> guides = new ArrayList<>(leadingGuides);
        guides.add(new SheetGuide(SERVICES_SHEET, "Every group, service area and task with its description. Task rows are "
                + "outlined under their area: the buttons 1 and 2 left of the row numbers fold and unfold them."));
        guides.add(new SheetGuide(HOTSPOTS_SHEET, "For each area and task: the respondents who carry it out, their share "
                + "of all respondents, its rank (1 = most common; areas ranked among areas, tasks within their area) and "
                + "its band. The chart shows the areas by share."));
        guides.add(new SheetGuide(BY_SEGMENT_SHEET, "The share of each segment's respondents who carry out each service "
                + "area, for every answer to every profile question."));
        guides.add(new SheetGuide("Bands", "core: carried out by at least 75% of respondents; common: at least 40%; "
                + "niche: fewer (analytics' default thresholds)."));
        guides.add(new SheetGuide("Small numbers", "So that no respondent can be singled out, a figure that stands for fewer "
                + "than " + minCellSize + " respondents of a segment reads \"" + fewerThan(minCellSize) + "\", and so does "
                + "every figure of a segment with fewer than " + minCellSize + " respondents in all. Figures for all "
                + "respondents are never suppressed."));
        for (SheetGuide guide : guides) {
            Row row = sheet.createRow(rowIndex++);
            text(row, 0, guide.sheet(), styles.bold);
            text(row, 1, guide.guide(), styles.wrapped);
        }
    }

    private String describe(SegmentFilter filter) {
        if (filter == null) {
            return "All respondents";
        }
        return dimensions.dimension(filter.dimension())
                .flatMap(dimension -> dimension.option(filter.value())
                        .map(option -> dimension.label() + " " + option.label() + " (" + filter + ")"))
                .orElse(filter.toString());
    }

    private void writeServices(SXSSFSheet sheet, PublicFigures figures, WorkbookStyles styles) {
        widths(sheet, 26, 40, 48, 90, 32, 36);
        // The area row sums up the task rows below it, so its outline button belongs above them.
        sheet.setRowSumsBelow(false);
        header(sheet.createRow(0), SERVICES_HEADER, styles.header);
        int rowIndex = 1;
        for (CatalogueGroup group : nullSafe(figures.catalogue().groups())) {
            for (CatalogueArea area : nullSafe(group.areas())) {
                Row areaRow = sheet.createRow(rowIndex++);
                text(areaRow, 0, group.name(), styles.bold);
                text(areaRow, 1, area.name(), styles.bold);
                blank(areaRow, 2, null);
                text(areaRow, 3, area.description(), null);
                text(areaRow, 4, area.id(), null);
                blank(areaRow, 5, null);
                int firstTaskRow = rowIndex;
                for (CatalogueTask task : nullSafe(area.tasks())) {
                    Row taskRow = sheet.createRow(rowIndex++);
                    text(taskRow, 0, group.name(), null);
                    text(taskRow, 1, area.name(), null);
                    text(taskRow, 2, task.name(), null);
                    text(taskRow, 3, task.description(), null);
                    text(taskRow, 4, area.id(), null);
                    text(taskRow, 5, task.id(), null);
                }
                // Grouped straight away, while SXSSF still holds the area's rows in its window.
                if (rowIndex > firstTaskRow) {
                    sheet.groupRow(firstTaskRow, rowIndex - 1);
                }
            }
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, rowIndex - 1, 0, SERVICES_HEADER.size() - 1));
    }

    private void writeHotspots(SXSSFWorkbook workbook, SXSSFSheet sheet, PublicFigures figures, WorkbookStyles styles) {
        widths(sheet, 26, 40, 48, 13, 10, 32, 36, 8, 10, 3, 40, 12);
        Hotspots hotspots = figures.hotspots();
        int minCellSize = hotspots.minCellSize();
        Row totalRow = sheet.createRow(0);
        text(totalRow, 0, "Total respondents", styles.header);
        count(totalRow, 1, hotspots.totalResponses(), minCellSize, null);
        if (hotspots.filter() != null) {
            text(totalRow, 2, describe(hotspots.filter()), null);
        }
        Row headerRow = sheet.createRow(HOTSPOTS_HEADER_ROW);
        header(headerRow, HOTSPOTS_HEADER, styles.header);
        text(headerRow, CHART_DATA_COLUMN, "Service areas by share", styles.header);
        text(headerRow, CHART_DATA_COLUMN + 1, "Share", styles.header);

        List<AreaShare> areasByShare = areasByShare(figures);
        int firstDataRow = HOTSPOTS_HEADER_ROW + 1;
        int rowIndex = firstDataRow;
        for (CatalogueGroup group : nullSafe(figures.catalogue().groups())) {
            for (CatalogueArea area : nullSafe(group.areas())) {
                Row areaRow = sheet.createRow(rowIndex);
                text(areaRow, 0, group.name(), styles.bold);
                text(areaRow, 1, area.name(), styles.bold);
                blank(areaRow, 2, null);
                writeFigures(areaRow, hotspots.area(area.id()), minCellSize, styles.bold, styles.boldShare);
                text(areaRow, 5, area.id(), null);
                blank(areaRow, 6, null);
                chartData(areaRow, rowIndex - firstDataRow, areasByShare, styles);
                rowIndex++;
                for (CatalogueTask task : nullSafe(area.tasks())) {
                    Row taskRow = sheet.createRow(rowIndex);
                    text(taskRow, 0, group.name(), null);
                    text(taskRow, 1, area.name(), null);
                    text(taskRow, 2, task.name(), null);
                    writeFigures(taskRow, hotspots.task(area.id(), task.id()), minCellSize, null, styles.share);
                    text(taskRow, 5, area.id(), null);
                    text(taskRow, 6, task.id(), null);
                    chartData(taskRow, rowIndex - firstDataRow, areasByShare, styles);
                    rowIndex++;
                }
            }
        }
        sheet.createFreezePane(0, firstDataRow);
        if (rowIndex > firstDataRow) {
            addDataBars(workbook, sheet, List.of(
                    new CellRangeAddress(firstDataRow, rowIndex - 1, SHARE_COLUMN, SHARE_COLUMN),
                    new CellRangeAddress(firstDataRow, firstDataRow + areasByShare.size() - 1, CHART_DATA_COLUMN + 1, CHART_DATA_COLUMN + 1)));
        }
        if (!areasByShare.isEmpty()) {
            addAreaChart(workbook, areasByShare, firstDataRow);
        }
    }

    private record AreaShare(String name, Double share) {
    }

    /** The areas with the most common first; suppressed areas last, in catalogue order like equal shares. */
    private static List<AreaShare> areasByShare(PublicFigures figures) {
        List<AreaShare> areas = new ArrayList<>();
        for (CatalogueGroup group : nullSafe(figures.catalogue().groups())) {
            for (CatalogueArea area : nullSafe(group.areas())) {
                areas.add(new AreaShare(area.name(), figures.hotspots().area(area.id()).share()));
            }
        }
        areas.sort(Comparator.comparing(AreaShare::share, Comparator.nullsLast(Comparator.reverseOrder())));
        return areas;
    }

    private static void chartData(Row row, int index, List<AreaShare> areasByShare, WorkbookStyles styles) {
        if (index < areasByShare.size()) {
            AreaShare area = areasByShare.get(index);
            text(row, CHART_DATA_COLUMN, area.name(), null);
            share(row, CHART_DATA_COLUMN + 1, area.share(), styles.share);
        }
    }

    private static void writeFigures(Row row, Figures figures, int minCellSize, CellStyle countStyle, CellStyle shareStyle) {
        count(row, 3, figures.count(), minCellSize, countStyle);
        share(row, SHARE_COLUMN, figures.share(), shareStyle);
        if (figures.rank() == null) {
            blank(row, 7, null);
        } else {
            number(row, 7, figures.rank(), null);
        }
        text(row, 8, figures.band(), null);
    }

    /** Bars scaled from 0 % to 100 %, so that bars compare across the sheet and across workbooks. */
    private static void addDataBars(SXSSFWorkbook workbook, Sheet sheet, List<CellRangeAddress> ranges) {
        SheetConditionalFormatting formatting = sheet.getSheetConditionalFormatting();
        ExtendedColor colour = workbook.getCreationHelper().createExtendedColor();
        colour.setARGBHex(BAR_COLOUR);
        ConditionalFormattingRule bars = formatting.createConditionalFormattingRule(colour);
        DataBarFormatting dataBar = bars.getDataBarFormatting();
        dataBar.getMinThreshold().setRangeType(RangeType.NUMBER);
        dataBar.getMinThreshold().setValue(0d);
        dataBar.getMaxThreshold().setRangeType(RangeType.NUMBER);
        dataBar.getMaxThreshold().setValue(1d);
        formatting.addConditionalFormatting(ranges.toArray(CellRangeAddress[]::new), bars);
    }

    /**
     * A native bar chart (not a picture) whose series reference the sorted area cells in columns K and L, so it
     * follows any edit the reader makes there. The drawing lives on the XSSF sheet behind the streaming one.
     */
    private static void addAreaChart(SXSSFWorkbook workbook, List<AreaShare> areasByShare, int firstDataRow) {
        XSSFDrawing drawing = workbook.getXSSFWorkbook().getSheet(HOTSPOTS_SHEET).createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, CHART_FIRST_COLUMN, HOTSPOTS_HEADER_ROW,
                CHART_FIRST_COLUMN + CHART_WIDTH_COLUMNS, HOTSPOTS_HEADER_ROW + Math.max(CHART_MIN_HEIGHT_ROWS, areasByShare.size() + 4));
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText("Service areas by share of respondents");
        chart.setTitleOverlay(false);

        XDDFCategoryAxis areaAxis = chart.createCategoryAxis(AxisPosition.LEFT);
        // Bar charts draw the first category at the bottom; reversed, the most common area is on top.
        areaAxis.setOrientation(AxisOrientation.MAX_MIN);
        XDDFValueAxis shareAxis = chart.createValueAxis(AxisPosition.BOTTOM);
        shareAxis.setNumberFormat("0%");

        int lastDataRow = firstDataRow + areasByShare.size() - 1;
        String names = new CellRangeAddress(firstDataRow, lastDataRow, CHART_DATA_COLUMN, CHART_DATA_COLUMN)
                .formatAsString(HOTSPOTS_SHEET, true);
        String shares = new CellRangeAddress(firstDataRow, lastDataRow, CHART_DATA_COLUMN + 1, CHART_DATA_COLUMN + 1)
                .formatAsString(HOTSPOTS_SHEET, true);
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, areaAxis, shareAxis);
        data.setBarDirection(BarDirection.BAR);
        data.setVaryColors(false);
        data.addSeries(
                        XDDFDataSourcesFactory.fromArray(areasByShare.stream().map(AreaShare::name).toArray(String[]::new), names),
                        XDDFDataSourcesFactory.fromArray(areasByShare.stream().map(AreaShare::share).toArray(Double[]::new), shares))
                .setTitle("Share of respondents", null);
        chart.plot(data);
    }

    private void writeBySegment(SXSSFWorkbook workbook, SXSSFSheet sheet, PublicFigures figures, WorkbookStyles styles) {
        List<SegmentBreakdown.Segment> segments = new ArrayList<>();
        figures.breakdowns().forEach(breakdown -> segments.addAll(breakdown.segments()));
        int minCellSize = figures.hotspots().minCellSize();
        widths(sheet, 26, 40, 32);
        for (int column = FIRST_SEGMENT_COLUMN; column < FIRST_SEGMENT_COLUMN + segments.size(); column++) {
            sheet.setColumnWidth(column, 16 * 256);
        }
        text(sheet.createRow(0), 0, "The share of each segment's respondents who carry out each service area. \""
                + fewerThan(minCellSize) + "\": too few respondents to publish (see About).", styles.bold);

        Row questionRow = sheet.createRow(SEGMENT_QUESTION_ROW);
        text(questionRow, 0, "Profile question", styles.header);
        Row headerRow = sheet.createRow(SEGMENT_HEADER_ROW);
        header(headerRow, SEGMENT_HEADER, styles.header);
        Row totalsRow = sheet.createRow(SEGMENT_TOTALS_ROW);
        text(totalsRow, 0, "Respondents in the segment", styles.bold);
        int column = FIRST_SEGMENT_COLUMN;
        for (SegmentBreakdown breakdown : figures.breakdowns()) {
            int firstColumn = column;
            for (SegmentBreakdown.Segment segment : breakdown.segments()) {
                text(questionRow, column, column == firstColumn ? breakdown.question() : "", styles.header);
                text(headerRow, column, segment.label(), styles.header);
                count(totalsRow, column, segment.hotspots().totalResponses(), minCellSize, styles.bold);
                column++;
            }
            if (column - firstColumn > 1) {
                sheet.addMergedRegion(new CellRangeAddress(SEGMENT_QUESTION_ROW, SEGMENT_QUESTION_ROW, firstColumn, column - 1));
            }
        }

        int rowIndex = SEGMENT_TOTALS_ROW + 1;
        for (CatalogueGroup group : nullSafe(figures.catalogue().groups())) {
            for (CatalogueArea area : nullSafe(group.areas())) {
                Row row = sheet.createRow(rowIndex++);
                text(row, 0, group.name(), null);
                text(row, 1, area.name(), styles.bold);
                text(row, 2, area.id(), null);
                for (int index = 0; index < segments.size(); index++) {
                    Figures areaFigures = segments.get(index).hotspots().area(area.id());
                    if (areaFigures.share() == null) {
                        text(row, FIRST_SEGMENT_COLUMN + index, fewerThan(minCellSize), null);
                    } else {
                        number(row, FIRST_SEGMENT_COLUMN + index, areaFigures.share(), styles.share);
                    }
                }
            }
        }
        sheet.createFreezePane(FIRST_SEGMENT_COLUMN, SEGMENT_TOTALS_ROW + 1);
        if (!segments.isEmpty() && rowIndex > SEGMENT_TOTALS_ROW + 1) {
            addColourScale(sheet, new CellRangeAddress(SEGMENT_TOTALS_ROW + 1, rowIndex - 1,
                    FIRST_SEGMENT_COLUMN, FIRST_SEGMENT_COLUMN + segments.size() - 1));
        }
    }

    /** From white at 0 % to deep blue at 100 %: the same share has the same colour in every segment. */
    private static void addColourScale(Sheet sheet, CellRangeAddress range) {
        SheetConditionalFormatting formatting = sheet.getSheetConditionalFormatting();
        ConditionalFormattingRule rule = formatting.createConditionalFormattingColorScaleRule();
        ColorScaleFormatting scale = rule.getColorScaleFormatting();
        double[] points = {0, 0.5, 1};
        for (int index = 0; index < points.length; index++) {
            scale.getThresholds()[index].setRangeType(RangeType.NUMBER);
            scale.getThresholds()[index].setValue(points[index]);
            ((ExtendedColor) scale.getColors()[index]).setARGBHex(SCALE_COLOURS[index]);
        }
        formatting.addConditionalFormatting(new CellRangeAddress[]{range}, rule);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
