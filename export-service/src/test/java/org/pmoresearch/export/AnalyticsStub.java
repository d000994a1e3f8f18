package org.pmoresearch.export;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in analytics-service over real HTTP: answers {@code GET /api/hotspots} with fixed figures for
 * {@link TestCatalogues#version2()}. It can be stopped and started again on the same port, to play an
 * analytics outage.
 */
public final class AnalyticsStub {

    /**
     * 8 respondents. Benefits management is missing (it must count as 0); unknown fields must be ignored.
     */
    public static final String HOTSPOTS_JSON = """
            {"totalResponses": 8, "catalogueVersion": 2, "generatedAt": "2025-05-02T09:00:00Z",
             "areas": [
               {"id": "portfolio-build", "name": "Portfolio build & prioritisation", "groupId": "planning",
                "count": 6, "percentage": 75.0, "trend": "up",
                "tasks": [{"id": "portfolio-register", "name": "Portfolio register", "count": 5, "percentage": 62.5},
                          {"id": "demand-intake", "name": "Demand intake", "count": 2, "percentage": 25.0}]},
               {"id": "secretariat", "name": "Secretariat", "groupId": "delivery", "count": 1, "percentage": 12.5, "tasks": []}
             ]}
            """;

    private int port;
    private HttpServer server;

    public synchronized AnalyticsStub start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/hotspots", exchange -> {
            byte[] body = HOTSPOTS_JSON.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    public synchronized void stop() {
        server.stop(0);
        server = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized String baseUrl() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }
}
