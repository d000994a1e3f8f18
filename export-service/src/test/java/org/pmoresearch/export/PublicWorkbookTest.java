package org.pmoresearch.export;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/exports/pmo-services.xlsx}: the public workbook, its segments, its cache and its failures. */
class PublicWorkbookTest extends RunningExportService {

    private static final String WORKBOOK = "/api/exports/pmo-services.xlsx";
    private static final DataFormatter FORMATTER = new DataFormatter();
    private static final int PROFILE_DIMENSIONS = 8;

    @Test
    void servesTheSheetsInOrderWithTheFiguresAnalyticsReports() throws Exception {
        HttpResponse<byte[]> response = http.get(WORKBOOK);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"pmo-services.xlsx\"");
        try (XSSFWorkbook workbook = ExportHttp.workbook(response)) {
            assertThat(ExportHttp.sheetNames(workbook)).containsExactly("About", "Services & tasks", "Hotspots", "By segment");

            Sheet about = workbook.getSheet("About");
            assertThat(valueBeside(about, "Catalogue version")).isEqualTo("2");
            assertThat(valueBeside(about, "Responses")).isEqualTo("8");
            assertThat(valueBeside(about, "Respondents")).isEqualTo("All respondents");

            Sheet services = workbook.getSheet("Services & tasks");
            assertThat(cells(services.getRow(0), 6)).containsExactly("Group", "Service area", "Task", "Description", "Area id", "Task id");
            assertThat(services.getRow(1).getCell(4).getStringCellValue()).isEqualTo("portfolio-build");
            assertThat(services.getRow(6).getCell(4).getStringCellValue()).isEqualTo("secretariat");

            Sheet hotspots = workbook.getSheet("Hotspots");
            assertThat(hotspots.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Total respondents");
            assertThat(hotspots.getRow(0).getCell(1).getNumericCellValue()).isEqualTo(8);
            assertThat(cells(hotspots.getRow(2), 9))
                    .containsExactly("Group", "Service area", "Task", "Respondents", "Share", "Area id", "Task id", "Rank", "Band");
            assertFigures(hotspots, 3, "portfolio-build", "", 6, 0.75, "1", "core");
            assertFigures(hotspots, 4, "portfolio-build", "portfolio-register", 5, 0.625, "1", "common");
            assertFigures(hotspots, 5, "portfolio-build", "demand-intake", 2, 0.25, "2", "niche");
            assertFigures(hotspots, 6, "benefits-management", "", 0, 0, "", "");
            assertFigures(hotspots, 7, "benefits-management", "benefits-register", 0, 0, "", "");
            assertFigures(hotspots, 8, "secretariat", "", 1, 0.125, "2", "niche");
        }
    }

    @Test
    void drawsANativeBarChartOfTheAreasByShareFromTheSheetsCells() throws Exception {
        try (XSSFWorkbook workbook = ExportHttp.workbook(http.get(WORKBOOK))) {
            XSSFSheet hotspots = workbook.getSheet("Hotspots");
            assertThat(cells(hotspots.getRow(2), 12).subList(10, 12)).containsExactly("Service areas by share", "Share");
            assertThat(List.of(cells(hotspots.getRow(3), 12).subList(10, 12), cells(hotspots.getRow(4), 12).subList(10, 12),
                    cells(hotspots.getRow(5), 12).subList(10, 12))).containsExactly(
                    List.of("Portfolio build & prioritisation", "75.0%"),
                    List.of("Secretariat", "12.5%"),
                    List.of("Benefits management", "0.0%"));

            List<XSSFChart> charts = hotspots.getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(1);
            XDDFChartData bars = charts.get(0).getChartSeries().get(0);
            XDDFChartData.Series series = bars.getSeries(0);
            assertThat(series.getCategoryData().getDataRangeReference()).isEqualTo("Hotspots!$K$4:$K$6");
            assertThat(series.getValuesData().getDataRangeReference()).isEqualTo("Hotspots!$L$4:$L$6");
            assertThat(series.getValuesData().getPointAt(0).doubleValue()).isEqualTo(0.75);

            assertThat(hotspots.getSheetConditionalFormatting().getNumConditionalFormattings()).isEqualTo(1);
            assertThat(hotspots.getSheetConditionalFormatting().getConditionalFormattingAt(0).getRule(0).getDataBarFormatting()).isNotNull();
            assertThat(hotspots.getSheetConditionalFormatting().getConditionalFormattingAt(0).getFormattingRanges()[0].formatAsString())
                    .isEqualTo("E4:E9");
        }
    }

    @Test
    void breaksTheAreasDownBySegmentWithSmallCellsSuppressed() throws Exception {
        analytics.publishNewCounts();

        try (XSSFWorkbook workbook = ExportHttp.workbook(http.get(WORKBOOK))) {
            Sheet bySegment = workbook.getSheet("By segment");

            assertThat(bySegment.getRow(2).getCell(3).getStringCellValue()).isEqualTo("What kind of PMO do you work in?");
            assertThat(cells(bySegment.getRow(3), 5))
                    .containsExactly("Group", "Service area", "Area id", "Enterprise or portfolio PMO", "Business-unit or divisional PMO");
            assertThat(cells(bySegment.getRow(4), 5)).containsExactly("Respondents in the segment", "", "", "6", "<5");
            assertThat(cells(bySegment.getRow(5), 5)).containsExactly("Planning", "Portfolio build & prioritisation", "portfolio-build", "83.3%", "<5");
            assertThat(bySegment.getRow(5).getCell(3).getNumericCellValue()).isCloseTo(0.833, within(1e-9));
            assertThat(cells(bySegment.getRow(7), 5)).containsExactly("Delivery", "Secretariat", "secretariat", "<5", "<5");
            assertThat(bySegment.getRow(3).getLastCellNum()).as("one column per option of every profile question")
                    .isEqualTo((short) (3 + 5 + 6 + 12 + 7 + 6 + 5 + 4 + 2));
            assertThat(valueBeside(workbook.getSheet("About"), "Small numbers")).contains("\"<5\"");
        }
        assertThat(analytics.segmentRequests()).hasSize(PROFILE_DIMENSIONS);
    }

    @Test
    void givesTheWorkbookOfOneSegmentWithItsSuppression() throws Exception {
        HttpResponse<byte[]> response = http.get(WORKBOOK + "?pmoType=enterprise");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"pmo-services-pmoType-enterprise.xlsx\"");
        try (XSSFWorkbook workbook = ExportHttp.workbook(response)) {
            assertThat(valueBeside(workbook.getSheet("About"), "Respondents"))
                    .isEqualTo("What kind of PMO do you work in? Enterprise or portfolio PMO (pmoType=enterprise)");
            Sheet hotspots = workbook.getSheet("Hotspots");
            assertThat(hotspots.getRow(0).getCell(1).getNumericCellValue()).isEqualTo(6);
            assertThat(cells(hotspots.getRow(3), 9)).containsExactly(
                    "Planning", "Portfolio build & prioritisation", "", "5", "83.3%", "portfolio-build", "", "1", "core");
            assertThat(cells(hotspots.getRow(5), 9)).containsExactly(
                    "Planning", "Portfolio build & prioritisation", "Demand intake", "<5", "", "portfolio-build", "demand-intake", "", "");
            assertThat(cells(hotspots.getRow(8), 5)).containsExactly("Delivery", "Secretariat", "", "<5", "");
        }
    }

    @Test
    void showsEveryFigureOfASegmentTooSmallToPublishAsSuppressed() throws Exception {
        try (XSSFWorkbook workbook = ExportHttp.workbook(http.get(WORKBOOK + "?pmoType=centre-of-excellence"))) {
            XSSFSheet hotspots = workbook.getSheet("Hotspots");
            assertThat(hotspots.getRow(0).getCell(1).getStringCellValue()).isEqualTo("<5");
            for (int rowIndex = 3; rowIndex <= 8; rowIndex++) {
                assertThat(FORMATTER.formatCellValue(hotspots.getRow(rowIndex).getCell(3))).isEqualTo("<5");
                assertThat(FORMATTER.formatCellValue(hotspots.getRow(rowIndex).getCell(4))).isEmpty();
            }
            assertThat(hotspots.getDrawingPatriarch().getCharts()).hasSize(1);
        }
    }

    @Test
    void rejectsUnknownDimensionsUnknownValuesAndCrossFilters() {
        assertBadParameter(http.get(WORKBOOK + "?colour=red"), "colour");
        assertBadParameter(http.get(WORKBOOK + "?pmoType=galactic"), "pmoType");
        assertBadParameter(http.get(WORKBOOK + "?pmoType=enterprise&pmoType=business-unit"), "pmoType");
        HttpResponse<byte[]> crossFilter = http.get(WORKBOOK + "?pmoType=enterprise&role=pmo-manager");
        assertBadParameter(crossFilter, "pmoType, role");
        assertThat(ExportHttp.text(crossFilter)).contains("admins only");
        assertThat(analytics.hotspotsRequests()).isZero();
    }

    @Test
    void answersNotModifiedWhileTheCountsStayTheSame() {
        HttpResponse<byte[]> first = http.get(WORKBOOK);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<byte[]> unchanged = http.get(WORKBOOK, "If-None-Match", etag);

        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).hasValue(etag);

        analytics.publishNewCounts();
        HttpResponse<byte[]> changed = http.get(WORKBOOK, "If-None-Match", etag);

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(http.get(WORKBOOK + "?pmoType=enterprise", "If-None-Match", etag).statusCode())
                .as("another segment is another workbook").isEqualTo(200);
    }

    @Test
    void buildsTheWorkbookOnceForConcurrentRequestsOfTheSameVersion() throws Exception {
        int concurrentRequests = 6;
        analytics.publishNewCounts();
        analytics.holdSegments();
        ExecutorService clients = Executors.newFixedThreadPool(concurrentRequests);
        try {
            List<CompletableFuture<HttpResponse<byte[]>>> downloads = new ArrayList<>();
            IntStream.range(0, concurrentRequests)
                    .forEach(client -> downloads.add(CompletableFuture.supplyAsync(() -> http.get(WORKBOOK), clients)));

            // Every request has read the counts version while the one build is still waiting for analytics.
            await().atMost(Duration.ofSeconds(20)).until(() -> analytics.hotspotsRequests() == concurrentRequests);
            assertThat(downloads).noneMatch(CompletableFuture::isDone);
            analytics.releaseHeldAnswers();

            List<HttpResponse<byte[]>> responses = downloads.stream().map(CompletableFuture::join).toList();
            assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
            assertThat(responses).extracting(HttpResponse::body).allSatisfy(body -> assertThat(body).isEqualTo(responses.get(0).body()));
            assertThat(analytics.segmentRequests().values()).as("one build: each dimension asked once")
                    .hasSize(PROFILE_DIMENSIONS).containsOnly(1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void answersAServiceUnavailableProblemWhileAnalyticsIsDown() {
        analytics.stop();

        HttpResponse<byte[]> response = http.get(WORKBOOK);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("15");
        assertThat(ExportHttp.text(response))
                .contains("\"status\":503")
                .contains("\"title\":\"Export temporarily unavailable\"")
                .contains("analytics-service did not answer");
        assertThat(ExportHttp.text(http.get("/actuator/prometheus")))
                .containsPattern("pmo_exports_failures_total\\{application=\"export-service\",workbook=\"public\"} [1-9]");
    }

    @Test
    void publishesDurationSizeAndCacheOutcomesOnPrometheus() {
        analytics.publishNewCounts();
        assertThat(http.get(WORKBOOK).statusCode()).isEqualTo(200);
        assertThat(http.get(WORKBOOK).statusCode()).isEqualTo(200);

        String metrics = ExportHttp.text(http.get("/actuator/prometheus"));

        assertThat(metrics)
                .containsPattern("pmo_exports_duration_seconds_count\\{application=\"export-service\",workbook=\"public\"} [1-9]")
                .containsPattern("pmo_exports_size_bytes_sum\\{application=\"export-service\",workbook=\"public\"} [1-9]")
                .containsPattern("pmo_exports_cache_total\\{application=\"export-service\",outcome=\"miss\"} [1-9]")
                .containsPattern("pmo_exports_cache_total\\{application=\"export-service\",outcome=\"hit\"} [1-9]");
    }

    private static void assertBadParameter(HttpResponse<byte[]> response, String field) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ExportHttp.text(response))
                .contains("\"type\":\"urn:pmoresearch:problem:invalid-parameter\"")
                .contains("\"field\":\"" + field + "\"");
    }

    private static void assertFigures(Sheet hotspots, int rowIndex, String areaId, String taskId, int respondents, double share,
                                      String rank, String band) {
        Row row = hotspots.getRow(rowIndex);
        assertThat(row.getCell(5).getStringCellValue()).isEqualTo(areaId);
        assertThat(row.getCell(6).getStringCellValue()).isEqualTo(taskId);
        assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(respondents);
        assertThat(row.getCell(4).getNumericCellValue()).isCloseTo(share, within(1e-9));
        assertThat(FORMATTER.formatCellValue(row.getCell(7))).isEqualTo(rank);
        assertThat(FORMATTER.formatCellValue(row.getCell(8))).isEqualTo(band);
    }

    static String valueBeside(Sheet sheet, String key) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && key.equals(FORMATTER.formatCellValue(row.getCell(0)))) {
                return FORMATTER.formatCellValue(row.getCell(1));
            }
        }
        throw new AssertionError("no row " + key + " on sheet " + sheet.getSheetName());
    }

    static List<String> cells(Row row, int columns) {
        List<String> cells = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            cells.add(FORMATTER.formatCellValue(row.getCell(column)));
        }
        return cells;
    }
}
