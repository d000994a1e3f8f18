package org.pmoresearch.export;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pmoresearch.export.PublicWorkbookTest.cells;

/** {@code GET /api/exports/responses.xlsx} and {@code .csv}: every response, streamed page by page, for admins. */
class AdminExportTest extends RunningExportService {

    private static final String XLSX = "/api/exports/responses.xlsx";
    private static final String CSV = "/api/exports/responses.csv";
    /** Three pages at the tests' page size of 500. */
    private static final int RESPONSES = 1200;
    private static final List<String> COLUMN_IDS = List.of("responseId", "submittedAt", "catalogueVersion",
            "pmoType", "role", "sector", "region", "organisationSize", "pmoHeadcount", "yearsInPmo", "employment",
            "portfolio-register", "demand-intake", "benefits-register");

    @Test
    void requiresAdminCredentials() {
        for (String path : List.of(XLSX, CSV)) {
            HttpResponse<byte[]> anonymous = http.get(path);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"pmo-export\"");
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(http.get(path, "Authorization", "Basic b3BlcmF0b3I6d3Jvbmc=").statusCode()).isEqualTo(401);
        }
        assertThat(analytics.adminPageRequests()).isZero();
    }

    @Test
    void listsOneRowPerResponseAcrossPagesInTheWorkbook() throws Exception {
        analytics.serveAdminResponses(RESPONSES);

        HttpResponse<byte[]> response = http.getAsAdmin(XLSX);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"pmo-responses.xlsx\"");
        try (XSSFWorkbook workbook = ExportHttp.workbook(response)) {
            Sheet sheet = workbook.getSheet("Responses");
            assertThat(cells(sheet.getRow(0), COLUMN_IDS.size())).isEqualTo(COLUMN_IDS);
            assertThat(cells(sheet.getRow(1), 14).subList(0, 4))
                    .containsExactly("Response id", "Submitted at", "Catalogue version", "What kind of PMO do you work in?");
            assertThat(cells(sheet.getRow(1), 14).subList(11, 14)).containsExactly(
                    "Portfolio build & prioritisation: Portfolio register",
                    "Portfolio build & prioritisation: Demand intake",
                    "Benefits management: Benefits register");
            assertThat(sheet.getLastRowNum()).as("two header rows, then one row per response").isEqualTo(1 + RESPONSES);
            for (int index = 0; index < RESPONSES; index++) {
                assertThat(sheet.getRow(2 + index).getCell(0).getStringCellValue()).isEqualTo(AnalyticsStub.adminResponse(index).responseId());
            }
            assertThat(cells(sheet.getRow(2), 14)).containsExactly("00000000-0000-4000-8000-000000000000", "2025-05-02T09:00:00Z", "2",
                    "enterprise", "pmo-manager", "=HYPERLINK(\"http://example.com\")", "Europe, \"West\"", "", "", "", "", "1", "0", "1");
            assertThat(sheet.getRow(2).getCell(5).getCellType()).as("text, never a formula").isEqualTo(CellType.STRING);
            assertThat(cells(sheet.getRow(3), 14)).containsExactly("00000000-0000-4000-8000-000000000001", "2025-05-02T09:00:01Z", "2",
                    "business-unit", "", "", "", "", "", "", "", "1", "1", "0");
            assertThat(sheet.getRow(3).getCell(12).getCellType()).isEqualTo(CellType.NUMERIC);
        }
        assertThat(analytics.adminPageQueries()).containsExactly(
                "limit=500",
                "limit=500&after=00000000-0000-4000-8000-000000000499",
                "limit=500&after=00000000-0000-4000-8000-000000000999");
        assertThat(ExportHttp.text(http.get("/actuator/prometheus")))
                .containsPattern("pmo_exports_duration_seconds_count\\{application=\"export-service\",workbook=\"admin-xlsx\"} [1-9]");
    }

    @Test
    void listsOneRecordPerResponseAcrossPagesInTheCsv() {
        analytics.serveAdminResponses(RESPONSES);

        HttpResponse<byte[]> response = http.getAsAdmin(CSV);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv").contains("charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"pmo-responses.csv\"");
        String csv = ExportHttp.text(response);
        assertThat(csv).endsWith("\r\n");
        List<String> records = List.of(csv.split("\r\n"));
        assertThat(records).hasSize(1 + RESPONSES);
        assertThat(records.get(0)).isEqualTo(String.join(",", COLUMN_IDS));
        assertThat(records.get(1)).as("formula-like text defused, commas and quotes quoted").isEqualTo(
                "00000000-0000-4000-8000-000000000000,2025-05-02T09:00:00Z,2,enterprise,pmo-manager,"
                        + "\"'=HYPERLINK(\"\"http://example.com\"\")\",\"Europe, \"\"West\"\"\",,,,,1,0,1");
        assertThat(records.get(2)).isEqualTo("00000000-0000-4000-8000-000000000001,2025-05-02T09:00:01Z,2,business-unit,,,,,,,,1,1,0");
        for (int index = 0; index < RESPONSES; index++) {
            assertThat(records.get(1 + index)).startsWith(AnalyticsStub.adminResponse(index).responseId() + ",");
        }
        assertThat(analytics.adminPageRequests()).isEqualTo(3);
        assertThat(ExportHttp.text(http.get("/actuator/prometheus")))
                .containsPattern("pmo_exports_size_bytes_sum\\{application=\"export-service\",workbook=\"admin-csv\"} [1-9]");
    }

    @Test
    void passesAnyNumberOfProfileFiltersToAnalytics() {
        analytics.serveAdminResponses(RESPONSES);

        HttpResponse<byte[]> response = http.getAsAdmin(CSV + "?pmoType=enterprise&role=pmo-manager");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"pmo-responses-pmoType-enterprise-role-pmo-manager.csv\"");
        List<String> records = List.of(ExportHttp.text(response).split("\r\n"));
        assertThat(records).as("header plus every sixth response").hasSize(1 + RESPONSES / 6);
        assertThat(records.subList(1, records.size())).allSatisfy(record -> assertThat(record).contains(",enterprise,pmo-manager,"));
        assertThat(analytics.adminPageQueries().get(0)).isEqualTo("limit=500&pmoType=enterprise&role=pmo-manager");
    }

    @Test
    void rejectsAnUnknownDimensionOrValue() {
        HttpResponse<byte[]> unknownDimension = http.getAsAdmin(XLSX + "?favouriteColour=red");
        HttpResponse<byte[]> unknownValue = http.getAsAdmin(CSV + "?region=atlantis");

        assertThat(unknownDimension.statusCode()).isEqualTo(400);
        assertThat(ExportHttp.text(unknownDimension)).contains("\"field\":\"favouriteColour\"");
        assertThat(unknownValue.statusCode()).isEqualTo(400);
        assertThat(ExportHttp.text(unknownValue)).contains("\"field\":\"region\"");
        assertThat(analytics.adminPageRequests()).isZero();
    }

    @Test
    void stopsReadingPagesWhenTheClientDisconnectsMidStream() throws Exception {
        analytics.serveAdminResponses(20_000);
        // Four pages (2,000 rows) stream before analytics holds the fifth back: the download is mid-way.
        analytics.holdAdminPagesFrom(5);

        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("GET " + XLSX + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + AnalyticsStub.ADMIN_AUTHORIZATION + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = readAtLeast(socket.getInputStream(), 16 * 1024);
            assertThat(head).as("the rows of the first pages reach the client before the last page is read")
                    .startsWith("HTTP/1.1 200");
            await().atMost(Duration.ofSeconds(20)).until(() -> analytics.adminPageRequests() >= 5);
            // Reset instead of a graceful close: the server's next write fails, as when a browser tab is closed.
            socket.setSoLinger(true, 0);
        }
        analytics.releaseHeldAnswers();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ExportHttp.text(http.get("/actuator/prometheus")))
                .containsPattern("pmo_exports_failures_total\\{application=\"export-service\",workbook=\"admin-xlsx\"} [1-9]"));
        assertThat(analytics.adminPageRequests()).as("pages asked for of 40").isLessThanOrEqualTo(7);
    }

    private static String readAtLeast(InputStream in, int bytes) throws IOException {
        byte[] received = new byte[bytes];
        int total = 0;
        while (total < bytes) {
            int read = in.read(received, total, bytes - total);
            if (read < 0) {
                throw new IOException("the download ended after " + total + " bytes");
            }
            total += read;
        }
        return new String(received, StandardCharsets.ISO_8859_1);
    }
}
