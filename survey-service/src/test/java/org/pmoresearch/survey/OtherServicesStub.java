package org.pmoresearch.survey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.survey.domain.ResponseIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the analytics and export services the survey pages link to: live hotspots (with
 * CORS, as analytics serves them), the dashboard page, and the personal workbook download, which,
 * like export-service, answers only to the report token issued for the response.
 */
public final class OtherServicesStub implements AutoCloseable {

    /** The test catalogue's areas with the shares a live analytics service might report. */
    public static final String HOTSPOTS = """
            {"totalResponses": 40, "areas": [
              {"id": "portfolio-reporting", "name": "Portfolio analysis & reporting", "groupId": "planning",
               "count": 30, "percentage": 75.0, "rank": 1, "band": "core", "tasks": []},
              {"id": "risk-management", "name": "Risk management", "groupId": "delivery",
               "count": 24, "percentage": 60.0, "rank": 2, "band": "common", "tasks": []},
              {"id": "benefits-management", "name": "Benefits management", "groupId": "planning",
               "count": 17, "percentage": 42.5, "rank": 3, "band": "common", "tasks": []},
              {"id": "secretariat", "name": "Secretariat", "groupId": "delivery",
               "count": 4, "percentage": 10.0, "rank": 4, "band": "niche", "tasks": []}]}""";

    private static final Pattern WORKBOOK = Pattern.compile("/api/exports/responses/([^/]+)\\.xlsx");
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final HttpServer server;
    private final ReportTokens reportTokens;

    private OtherServicesStub(HttpServer server, ReportTokens reportTokens) {
        this.server = server;
        this.reportTokens = reportTokens;
    }

    public static OtherServicesStub start(String reportTokenSecret) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            OtherServicesStub stub = new OtherServicesStub(server, new ReportTokens(reportTokenSecret));
            server.createContext("/api/hotspots", exchange -> stub.respond(exchange, 200, "application/json", HOTSPOTS));
            server.createContext("/dashboard", exchange -> stub.respond(exchange, 200, "text/html", "<h1>Dashboard</h1>"));
            server.createContext("/api/exports/responses/", stub::workbook);
            server.start();
            return stub;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void workbook(HttpExchange exchange) throws IOException {
        Matcher path = WORKBOOK.matcher(exchange.getRequestURI().getPath());
        Optional<UUID> responseId = path.matches() ? ResponseIds.parse(path.group(1)) : Optional.empty();
        String token = tokenParameter(exchange.getRequestURI().getRawQuery());
        if (responseId.isPresent() && reportTokens.matches(responseId.get(), token)) {
            respond(exchange, 200, XLSX, "workbook of " + responseId.get());
        }
        else {
            respond(exchange, 403, "text/plain", "wrong token");
        }
    }

    private static String tokenParameter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String parameter : rawQuery.split("&")) {
            if (parameter.startsWith("token=")) {
                return URLDecoder.decode(parameter.substring("token=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
