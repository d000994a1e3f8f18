package org.pmoresearch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against the JDK's own HTTP server, and a socket server for what that one does not do. */
class KeepAliveSubmitterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> connections = ConcurrentHashMap.newKeySet();

    record Received(String path, String idempotencyKey, String contentType, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/responses", exchange -> answer(exchange, 202, "{\"status\":\"accepted\"}", true));
        server.createContext("/api/chunked", exchange -> answer(exchange, 202, "{\"status\":\"accepted\"}", false));
        server.createContext("/api/refused", exchange -> answer(exchange, 422, "{\"detail\":\"no\"}", true));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, int status, String json, boolean withLength) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        connections.add(exchange.getRemoteAddress().toString());
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, withLength ? bytes.length : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private URI endpoint(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    @Test
    void postsEachBodyWithAFreshKeyAndReusesItsConnections() throws Exception {
        try (KeepAliveSubmitter submitter = new KeepAliveSubmitter(endpoint("/api/responses"), TIMEOUT)) {
            for (int i = 0; i < 20; i++) {
                assertThat(submitter.post(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS))
                        .isEqualTo(202);
            }
        }
        assertThat(received).hasSize(20);
        assertThat(received).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/api/responses");
            assertThat(request.contentType()).isEqualTo("application/json");
        });
        assertThat(received.stream().map(Received::body)).containsExactlyElementsOf(
                IntStream.range(0, 20).mapToObj(i -> "{\"n\":" + i + "}").toList());
        assertThat(received.stream().map(Received::idempotencyKey).distinct()).hasSize(20);
        assertThat(connections).as("one request at a time needs one connection").hasSize(1);
    }

    @Test
    void readsChunkedAnswersAndAnswersThatAreNotSuccesses() throws Exception {
        try (KeepAliveSubmitter chunked = new KeepAliveSubmitter(endpoint("/api/chunked"), TIMEOUT);
             KeepAliveSubmitter refused = new KeepAliveSubmitter(endpoint("/api/refused"), TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                assertThat(chunked.post("{}".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS)).isEqualTo(202);
                assertThat(refused.post("{}".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS)).isEqualTo(422);
            }
        }
        assertThat(received).hasSize(6);
        assertThat(connections).as("each submitter kept its one connection").hasSize(2);
    }

    @Test
    void manyAtOnceGetOneConnectionEach() throws Exception {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        try (KeepAliveSubmitter submitter = new KeepAliveSubmitter(endpoint("/api/responses"), TIMEOUT)) {
            for (int i = 0; i < 200; i++) {
                answers.add(submitter.post("{}".getBytes(StandardCharsets.UTF_8)));
            }
            for (CompletableFuture<Integer> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(202);
            }
        }
        assertThat(received).hasSize(200);
        assertThat(received.stream().map(Received::idempotencyKey).distinct()).hasSize(200);
    }

    @Test
    void aKeptConnectionClosedWithoutAnAnswerIsReplacedAndTheRequestSentAgainWithTheSameKey() throws Exception {
        List<String> keys = new CopyOnWriteArrayList<>();
        try (ServerSocket closingServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> dropTheSecondRequest(closingServer, keys));
            acceptor.setDaemon(true);
            acceptor.start();
            URI endpoint = URI.create("http://localhost:" + closingServer.getLocalPort() + "/api/responses");
            try (KeepAliveSubmitter submitter = new KeepAliveSubmitter(endpoint, TIMEOUT)) {
                assertThat(submitter.post("{}".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS)).isEqualTo(202);
                assertThat(submitter.post("{}".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS)).isEqualTo(202);
            }
        }
        assertThat(keys).hasSize(3);
        assertThat(keys.get(1)).as("the dropped request and its second sending").isEqualTo(keys.get(2));
        assertThat(keys.get(0)).isNotEqualTo(keys.get(1));
    }

    @Test
    void aServerThatIsNotThereFailsTheRequest() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (KeepAliveSubmitter submitter = new KeepAliveSubmitter(
                URI.create("http://localhost:" + closedPort + "/api/responses"), TIMEOUT)) {
            assertThatThrownBy(() -> submitter.post("{}".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class);
        }
    }

    /**
     * Keeps each connection open and answers every request on it, except the second request it receives: that
     * one is read and its connection closed without an answer, as a server does that drops an idle connection.
     */
    private static void dropTheSecondRequest(ServerSocket server, List<String> keys) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                while (true) {
                    String head = readHead(in);
                    if (head.isEmpty()) {
                        break;
                    }
                    int length = 0;
                    for (String line : head.split("\r\n")) {
                        String lower = line.toLowerCase(Locale.ROOT);
                        if (lower.startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        } else if (lower.startsWith("idempotency-key:")) {
                            keys.add(line.substring(16).trim());
                        }
                    }
                    in.readNBytes(length);
                    if (keys.size() == 2) {
                        break;
                    }
                    socket.getOutputStream().write(
                            "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}
