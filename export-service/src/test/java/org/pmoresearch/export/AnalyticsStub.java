package org.pmoresearch.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.export.domain.ProfileDimensions;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in analytics-service over real HTTP, answering the phase 2 contract with fixed figures for
 * {@link TestCatalogues#version2()}. It counts what it was asked, can hold answers back until released (to catch
 * requests in flight), and can be stopped and started again on the same port, to play an analytics outage.
 */
public final class AnalyticsStub {

    public static final String REPORT_TOKEN_SECRET = "a-test-report-token-secret-of-at-least-32-characters";
    public static final String ADMIN_USERNAME = "operator";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final String ADMIN_AUTHORIZATION = basic(ADMIN_USERNAME, ADMIN_PASSWORD);

    /** A respondent who answered catalogue version 1: the task version 2 added was never offered to them. */
    public static final UUID RESPONDENT = UUID.fromString("3f2b8c1e-7d4a-4e9b-9c3f-2a1b0c9d8e7f");
    public static final UUID NOT_COUNTED_YET = UUID.fromString("11111111-2222-4333-8444-555555555555");
    public static final UUID WITHDRAWN = UUID.fromString("66666666-7777-4888-9999-aaaaaaaaaaaa");
    public static final ReportTokens TOKENS = new ReportTokens(REPORT_TOKEN_SECRET);

    /**
     * 8 respondents. Benefits management is missing (it must count as nobody); unknown fields must be ignored.
     * {@code %d} is a revision that changes the answer's hash without changing a figure.
     */
    private static final String HOTSPOTS_JSON = """
            {"totalResponses": 8, "catalogueVersion": 2, "filter": null, "minCellSize": 5, "suppressed": false,
             "revision": %d,
             "areas": [
               {"id": "portfolio-build", "name": "Portfolio build & prioritisation", "groupId": "planning",
                "count": 6, "percentage": 75.0, "rank": 1, "band": "core", "trend": "up",
                "tasks": [{"id": "portfolio-register", "name": "Portfolio register", "count": 5, "percentage": 62.5, "rank": 1, "band": "common"},
                          {"id": "demand-intake", "name": "Demand intake", "count": 2, "percentage": 25.0, "rank": 2, "band": "niche"}]},
               {"id": "secretariat", "name": "Secretariat", "groupId": "delivery", "count": 1, "percentage": 12.5,
                "rank": 2, "band": "niche", "tasks": []}
             ]}
            """;

    /** 6 enterprise respondents: demand intake (2) and secretariat (1) are too small to publish. */
    private static final String ENTERPRISE_HOTSPOTS_JSON = """
            {"totalResponses": 6, "catalogueVersion": 2, "filter": {"dimension": "pmoType", "value": "enterprise"},
             "minCellSize": 5, "suppressed": false,
             "areas": [
               {"id": "portfolio-build", "name": "Portfolio build & prioritisation", "groupId": "planning",
                "count": 5, "percentage": 83.3, "rank": 1, "band": "core",
                "tasks": [{"id": "portfolio-register", "count": 5, "percentage": 83.3, "rank": 1, "band": "core"},
                          {"id": "demand-intake", "count": null, "percentage": null, "rank": null, "band": null, "suppressed": true}]},
               {"id": "benefits-management", "count": 0, "percentage": 0.0, "rank": 3, "band": "niche", "tasks": []},
               {"id": "secretariat", "count": null, "percentage": null, "rank": null, "band": null, "suppressed": true, "tasks": []}
             ]}
            """;

    /** A segment too small to publish at all. */
    private static final String SUPPRESSED_SEGMENT_AREAS = """
            [{"id": "portfolio-build", "count": null, "percentage": null, "rank": null, "band": null,
              "tasks": [{"id": "portfolio-register", "count": null, "percentage": null, "rank": null, "band": null},
                        {"id": "demand-intake", "count": null, "percentage": null, "rank": null, "band": null}]},
             {"id": "benefits-management", "count": null, "percentage": null, "tasks": []},
             {"id": "secretariat", "count": null, "percentage": null, "tasks": []}]
            """;

    private static final String ENTERPRISE_SEGMENT = """
            {"value": "enterprise", "label": "Enterprise or portfolio PMO", "totalResponses": 6, "suppressed": false,
             "areas": [{"id": "portfolio-build", "count": 5, "percentage": 83.3, "rank": 1, "band": "core", "tasks": []},
                       {"id": "benefits-management", "count": 0, "percentage": 0.0, "rank": 2, "band": "niche", "tasks": []},
                       {"id": "secretariat", "count": null, "percentage": null, "suppressed": true, "tasks": []}]}
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ProfileDimensions DIMENSIONS = ProfileDimensions.fromContracts(JSON);

    private int port;
    private HttpServer server;
    private ExecutorService executor;

    private volatile int revision;
    private volatile int adminResponses;
    private volatile CountDownLatch segmentsHeld = new CountDownLatch(0);
    private volatile CountDownLatch adminPagesHeld = new CountDownLatch(0);
    private volatile int adminPagesHeldFrom = Integer.MAX_VALUE;

    private final AtomicInteger hotspotsRequests = new AtomicInteger();
    private final Map<String, AtomicInteger> segmentRequests = new ConcurrentHashMap<>();
    private final AtomicInteger responseRequests = new AtomicInteger();
    private final AtomicInteger adminPageRequests = new AtomicInteger();
    private final Queue<String> adminPageQueries = new ConcurrentLinkedQueue<>();
    private final Queue<String> forwardedReportTokens = new ConcurrentLinkedQueue<>();

    public synchronized AnalyticsStub start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Answers are held back on purpose in some tests: one thread per exchange keeps the others flowing.
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/api/hotspots", this::hotspots);
        server.createContext("/api/responses/", this::response);
        server.createContext("/api/admin/responses", this::adminResponses);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    public synchronized void stop() {
        releaseHeldAnswers();
        server.stop(0);
        executor.shutdownNow();
        server = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized String baseUrl() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    /** Back to the fixed figures, no held answers, every counter at zero. */
    public void reset() {
        releaseHeldAnswers();
        segmentsHeld = new CountDownLatch(0);
        adminPagesHeld = new CountDownLatch(0);
        adminPagesHeldFrom = Integer.MAX_VALUE;
        adminResponses = 0;
        hotspotsRequests.set(0);
        segmentRequests.clear();
        responseRequests.set(0);
        adminPageRequests.set(0);
        adminPageQueries.clear();
        forwardedReportTokens.clear();
    }

    /** The same figures in a new answer, as when a response arrived and another was withdrawn. */
    public void publishNewCounts() {
        revision++;
    }

    public void holdSegments() {
        segmentsHeld = new CountDownLatch(1);
    }

    /** @param pageNumber the first admin page request (1-based) to hold until released */
    public void holdAdminPagesFrom(int pageNumber) {
        adminPagesHeld = new CountDownLatch(1);
        adminPagesHeldFrom = pageNumber;
    }

    public void releaseHeldAnswers() {
        segmentsHeld.countDown();
        adminPagesHeld.countDown();
    }

    /** Serves {@code count} responses on {@code /api/admin/responses}, shaped by {@link #adminResponse(int)}. */
    public void serveAdminResponses(int count) {
        adminResponses = count;
    }

    public int hotspotsRequests() {
        return hotspotsRequests.get();
    }

    public Map<String, Integer> segmentRequests() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        segmentRequests.forEach((dimension, count) -> counts.put(dimension, count.get()));
        return counts;
    }

    public int responseRequests() {
        return responseRequests.get();
    }

    public int adminPageRequests() {
        return adminPageRequests.get();
    }

    public List<String> adminPageQueries() {
        return List.copyOf(adminPageQueries);
    }

    public List<String> forwardedReportTokens() {
        return List.copyOf(forwardedReportTokens);
    }

    /** One response the admin pages list: response i of the stub's ordered set. */
    public record AdminResponse(String responseId, String submittedAt, String pmoType, String role, String sector,
                                String region, Map<String, List<String>> selections) {
    }

    /**
     * Response i: pmoType cycles enterprise, business-unit, unanswered; every other one a PMO manager; each does the
     * portfolio register, odd ones demand intake too, every third the benefits register. Response 0 carries a
     * formula-like sector and a region with a comma and quotes, to exercise the CSV's escaping.
     */
    public static AdminResponse adminResponse(int index) {
        String pmoType = switch (index % 3) {
            case 0 -> "enterprise";
            case 1 -> "business-unit";
            default -> null;
        };
        Map<String, List<String>> selections = new LinkedHashMap<>();
        selections.put("portfolio-build", index % 2 == 0 ? List.of("portfolio-register") : List.of("portfolio-register", "demand-intake"));
        if (index % 3 == 0) {
            selections.put("benefits-management", List.of("benefits-register"));
        }
        return new AdminResponse(
                String.format("00000000-0000-4000-8000-%012d", index),
                "2025-05-02T09:" + String.format("%02d:%02d", index / 60 % 60, index % 60) + "Z",
                pmoType,
                index % 2 == 0 ? "pmo-manager" : null,
                index == 0 ? "=HYPERLINK(\"http://example.com\")" : null,
                index == 0 ? "Europe, \"West\"" : null,
                selections);
    }

    private void hotspots(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/api/hotspots/segments/")) {
            segments(exchange, path.substring("/api/hotspots/segments/".length()));
            return;
        }
        hotspotsRequests.incrementAndGet();
        Map<String, String> query = query(exchange);
        if (query.isEmpty()) {
            send(exchange, 200, HOTSPOTS_JSON.formatted(revision));
        } else if ("enterprise".equals(query.get("pmoType"))) {
            send(exchange, 200, ENTERPRISE_HOTSPOTS_JSON);
        } else if (query.containsKey("pmoType")) {
            send(exchange, 200, """
                    {"totalResponses": null, "catalogueVersion": 2, "filter": {"dimension": "pmoType", "value": "%s"},
                     "minCellSize": 5, "suppressed": true, "areas": %s}
                    """.formatted(query.get("pmoType"), SUPPRESSED_SEGMENT_AREAS));
        } else {
            send(exchange, 400, "{\"status\": 400, \"detail\": \"the stub serves pmoType segments only\"}");
        }
    }

    private void segments(HttpExchange exchange, String dimensionId) throws IOException {
        segmentRequests.computeIfAbsent(dimensionId, id -> new AtomicInteger()).incrementAndGet();
        await(segmentsHeld);
        ProfileDimensions.Dimension dimension = DIMENSIONS.dimension(dimensionId).orElse(null);
        if (dimension == null) {
            send(exchange, 400, "{\"status\": 400}");
            return;
        }
        List<String> segments = new ArrayList<>();
        for (ProfileDimensions.Option option : dimension.options()) {
            if (dimension.id().equals("pmoType") && option.value().equals("enterprise")) {
                segments.add(ENTERPRISE_SEGMENT);
            } else {
                segments.add("""
                        {"value": "%s", "label": "%s", "totalResponses": null, "suppressed": true, "areas": %s}
                        """.formatted(option.value(), option.label(), SUPPRESSED_SEGMENT_AREAS));
            }
        }
        send(exchange, 200, """
                {"dimension": "%s", "minCellSize": 5, "segments": [%s]}
                """.formatted(dimensionId, String.join(",", segments)));
    }

    private void response(HttpExchange exchange) throws IOException {
        responseRequests.incrementAndGet();
        UUID responseId = UUID.fromString(exchange.getRequestURI().getPath().substring("/api/responses/".length()));
        String token = exchange.getRequestHeaders().getFirst("X-Report-Token");
        forwardedReportTokens.add(String.valueOf(token));
        if (!TOKENS.matches(responseId, token)) {
            send(exchange, 403, "{\"status\": 403}");
        } else if (responseId.equals(NOT_COUNTED_YET)) {
            exchange.getResponseHeaders().set("Retry-After", "2");
            send(exchange, 404, "{\"status\": 404}");
        } else if (responseId.equals(WITHDRAWN)) {
            send(exchange, 410, "{\"status\": 410}");
        } else {
            send(exchange, 200, """
                    {"responseId": "%s", "catalogueVersion": 1, "submittedAt": "2025-05-02T08:30:00Z",
                     "profile": {"pmoType": "enterprise"},
                     "selections": {"portfolio-build": ["demand-intake"], "secretariat": []},
                     "withdrawn": false}
                    """.formatted(responseId));
        }
    }

    private void adminResponses(HttpExchange exchange) throws IOException {
        int pageNumber = adminPageRequests.incrementAndGet();
        adminPageQueries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
        if (!ADMIN_AUTHORIZATION.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"status\": 401}");
            return;
        }
        if (pageNumber >= adminPagesHeldFrom) {
            await(adminPagesHeld);
        }
        Map<String, String> query = query(exchange);
        int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
        String after = query.get("after");
        Map<String, String> filters = new LinkedHashMap<>(query);
        filters.keySet().removeAll(List.of("limit", "after"));

        List<String> items = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (int index = 0; index < adminResponses; index++) {
            AdminResponse response = adminResponse(index);
            if ((after != null && response.responseId().compareTo(after) <= 0) || !matches(response, filters)) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(json(response));
            last = response.responseId();
        }
        send(exchange, 200, "{\"items\": [" + String.join(",", items) + "], \"next\": "
                + (more ? "\"" + last + "\"" : "null") + "}");
    }

    private static boolean matches(AdminResponse response, Map<String, String> filters) {
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            String answer = switch (filter.getKey()) {
                case "pmoType" -> response.pmoType();
                case "role" -> response.role();
                default -> null;
            };
            if (!filter.getValue().equals(answer)) {
                return false;
            }
        }
        return true;
    }

    private static String json(AdminResponse response) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("pmoType", response.pmoType());
        profile.put("role", response.role());
        profile.put("sector", response.sector());
        profile.put("region", response.region());
        profile.values().removeIf(value -> value == null);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("responseId", response.responseId());
        item.put("submittedAt", response.submittedAt());
        item.put("catalogueVersion", 2);
        item.put("profile", profile);
        item.put("selections", response.selections());
        return JSON.writeValueAsString(item);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held answer was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status < 400 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
