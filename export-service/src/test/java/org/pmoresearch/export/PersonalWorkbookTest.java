package org.pmoresearch.export;

import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pmoresearch.export.PublicWorkbookTest.cells;
import static org.pmoresearch.export.PublicWorkbookTest.valueBeside;

/** {@code GET /api/exports/responses/{responseId}.xlsx?token=...}: a respondent's own workbook. */
class PersonalWorkbookTest extends RunningExportService {

    private static String workbookOf(UUID responseId, String token) {
        return "/api/exports/responses/" + responseId + ".xlsx?token=" + token;
    }

    private static String rightToken(UUID responseId) {
        return AnalyticsStub.TOKENS.issue(responseId);
    }

    @Test
    void refusesAWrongOrMissingTokenWithoutAskingAnalytics() {
        HttpResponse<byte[]> wrongToken = http.get(workbookOf(AnalyticsStub.RESPONDENT, rightToken(AnalyticsStub.WITHDRAWN)));
        HttpResponse<byte[]> noToken = http.get("/api/exports/responses/" + AnalyticsStub.RESPONDENT + ".xlsx");

        for (HttpResponse<byte[]> response : List.of(wrongToken, noToken)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(ExportHttp.text(response)).contains("\"type\":\"urn:pmoresearch:problem:wrong-report-token\"");
        }
        assertThat(analytics.responseRequests()).isZero();
        assertThat(analytics.hotspotsRequests()).isZero();
    }

    @Test
    void rejectsAResponseIdThatIsNotAUuid() {
        HttpResponse<byte[]> response = http.get("/api/exports/responses/not-a-uuid.xlsx?token=abc");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ExportHttp.text(response)).contains("\"field\":\"responseId\"");
        assertThat(analytics.responseRequests()).isZero();
    }

    @Test
    void answersNotFoundWithRetryAfterWhileTheResponseIsNotCountedYet() {
        HttpResponse<byte[]> response = http.get(workbookOf(AnalyticsStub.NOT_COUNTED_YET, rightToken(AnalyticsStub.NOT_COUNTED_YET)));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ExportHttp.text(response)).contains("\"type\":\"urn:pmoresearch:problem:response-not-found\"");
    }

    @Test
    void answersGoneOnceTheResponseWasWithdrawn() {
        HttpResponse<byte[]> response = http.get(workbookOf(AnalyticsStub.WITHDRAWN, rightToken(AnalyticsStub.WITHDRAWN)));

        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(ExportHttp.text(response)).contains("\"type\":\"urn:pmoresearch:problem:response-withdrawn\"");
    }

    @Test
    void setsTheRespondentsAnswersAgainstTheCommunityOnTheFirstSheet() throws Exception {
        String token = rightToken(AnalyticsStub.RESPONDENT);

        HttpResponse<byte[]> response = http.get(workbookOf(AnalyticsStub.RESPONDENT, token));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(analytics.forwardedReportTokens()).containsExactly(token);
        try (XSSFWorkbook workbook = ExportHttp.workbook(response)) {
            assertThat(ExportHttp.sheetNames(workbook))
                    .containsExactly("Your PMO", "About", "Services & tasks", "Hotspots", "By segment");
            Sheet yourPmo = workbook.getSheet("Your PMO");
            assertThat(valueBeside(yourPmo, "Response")).isEqualTo(AnalyticsStub.RESPONDENT.toString());
            assertThat(valueBeside(yourPmo, "Respondents in the community")).isEqualTo("8");
            assertThat(valueBeside(yourPmo, "Tasks you carry out")).isEqualTo("1");
            assertThat(valueBeside(yourPmo, "Tasks in the catalogue")).isEqualTo("3");
            assertThat(valueBeside(yourPmo, "Gaps")).isEqualTo("1");

            int nextHeader = rowStarting(yourPmo, "Rank");
            assertThat(cells(yourPmo.getRow(nextHeader), 6))
                    .containsExactly("Rank", "Service area", "Task", "Community share", "Area id", "Task id");
            assertThat(cells(yourPmo.getRow(nextHeader + 1), 6)).as("the only missing task anyone does; the new one was never asked")
                    .containsExactly("1", "Portfolio build & prioritisation", "Portfolio register", "62.5%", "portfolio-build", "portfolio-register");
            assertThat(yourPmo.getRow(nextHeader + 2)).isNull();

            int header = rowStarting(yourPmo, "Group");
            assertThat(cells(yourPmo.getRow(header), 8))
                    .containsExactly("Group", "Service area", "Task", "You do this", "Community share", "Gap", "Area id", "Task id");
            assertThat(List.of(
                    cells(yourPmo.getRow(header + 1), 8),
                    cells(yourPmo.getRow(header + 2), 8),
                    cells(yourPmo.getRow(header + 3), 8),
                    cells(yourPmo.getRow(header + 4), 8),
                    cells(yourPmo.getRow(header + 5), 8),
                    cells(yourPmo.getRow(header + 6), 8))).containsExactly(
                    List.of("Planning", "Portfolio build & prioritisation", "", "✓", "75.0%", "", "portfolio-build", ""),
                    List.of("Planning", "Portfolio build & prioritisation", "Portfolio register", "", "62.5%", "Gap", "portfolio-build", "portfolio-register"),
                    List.of("Planning", "Portfolio build & prioritisation", "Demand intake", "✓", "25.0%", "", "portfolio-build", "demand-intake"),
                    List.of("Planning", "Benefits management", "", "", "0.0%", "", "benefits-management", ""),
                    List.of("Planning", "Benefits management", "Benefits register", "not asked", "0.0%", "", "benefits-management", "benefits-register"),
                    List.of("Delivery", "Secretariat", "", "✓", "12.5%", "", "secretariat", ""));
            Row gap = yourPmo.getRow(header + 2);
            assertThat(gap.getCell(2).getCellStyle().getFillForegroundColor()).isEqualTo(IndexedColors.LIGHT_ORANGE.getIndex());
            assertThat(yourPmo.getRow(header + 3).getCell(2).getCellStyle().getFillForegroundColor())
                    .isNotEqualTo(IndexedColors.LIGHT_ORANGE.getIndex());

            assertThat(valueBeside(workbook.getSheet("About"), "Your PMO")).contains("at least 50% of PMOs");
            assertThat(workbook.getSheet("Hotspots").getRow(0).getCell(1).getNumericCellValue()).isEqualTo(8);
        }
        assertThat(ExportHttp.text(http.get("/actuator/prometheus")))
                .containsPattern("pmo_exports_duration_seconds_count\\{application=\"export-service\",workbook=\"personal\"} [1-9]");
    }

    private static int rowStarting(Sheet sheet, String firstCell) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && firstCell.equals(row.getCell(0).toString())) {
                return row.getRowNum();
            }
        }
        throw new AssertionError("no row starting with " + firstCell);
    }
}
