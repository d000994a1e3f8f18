package org.pmoresearch.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * POSTs of JSON bodies to one endpoint over HTTP/1.1 connections that are kept alive and reused, each request on
 * a blocking socket in a worker thread of its own: the load generator's submissions. There are as many
 * connections and threads as requests in flight, which the load generator bounds.
 *
 * <p>It exists because the load generator shares the machine's cores with the platform it measures. The JDK's
 * asynchronous {@code HttpClient} spent about as much CPU per submission as survey-service spent answering it;
 * a blocking request and response on a kept-alive socket costs a small fraction of that, so the generator takes
 * less from the platform. Each request carries a fresh {@code Idempotency-Key}; the answer is read whole (by its
 * {@code Content-Length} or its chunks) and only its status is kept.
 */
final class KeepAliveSubmitter implements AutoCloseable {

    private static final int BUFFER_SIZE = 16 * 1024;

    private final String host;
    private final int port;
    private final String path;
    private final int timeoutMillis;
    private final ResponseIds idempotencyKeys;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "submitter");
        thread.setDaemon(true);
        return thread;
    });

    KeepAliveSubmitter(URI endpoint, Duration timeout) {
        this(endpoint, timeout, ResponseIds.TIME_ORDERED);
    }

    KeepAliveSubmitter(URI endpoint, Duration timeout, ResponseIds idempotencyKeys) {
        if (!"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("Only http endpoints are supported: " + endpoint);
        }
        this.host = endpoint.getHost();
        this.port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        this.path = endpoint.getRawPath();
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * POSTs the body with a fresh Idempotency-Key; completes with the HTTP status, or with the I/O failure. A kept
     * connection the server has closed meanwhile (after its keep-alive timeout) fails on first use; the request
     * is then sent once more on a new connection with the same key, so the survey takes it at most once.
     */
    CompletableFuture<Integer> post(byte[] json) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        String idempotencyKey = idempotencyKeys.next().toString();
        workers.execute(() -> {
            Connection kept = idle.pollFirst();
            if (kept != null) {
                try {
                    status.complete(exchangeAndKeep(kept, json, idempotencyKey));
                    return;
                } catch (IOException | RuntimeException staleOrBroken) {
                    kept.close();
                }
            }
            Connection fresh = null;
            try {
                fresh = new Connection();
                status.complete(exchangeAndKeep(fresh, json, idempotencyKey));
            } catch (IOException | RuntimeException e) {
                if (fresh != null) {
                    fresh.close();
                }
                status.completeExceptionally(e);
            }
        });
        return status;
    }

    private int exchangeAndKeep(Connection connection, byte[] json, String idempotencyKey) throws IOException {
        int answered = connection.exchange(json, idempotencyKey);
        if (connection.reusable) {
            idle.addFirst(connection);
        } else {
            connection.close();
        }
        return answered;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
    }

    private final class Connection {

        private final Socket socket = new Socket();
        private final OutputStream out;
        private final InputStream in;
        private boolean reusable = true;

        Connection() throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_SIZE);
            in = new BufferedInputStream(socket.getInputStream(), BUFFER_SIZE);
        }

        int exchange(byte[] json, String idempotencyKey) throws IOException {
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: " + host + ":" + port + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: application/json\r\n"
                    + "Idempotency-Key: " + idempotencyKey + "\r\n"
                    + "Content-Length: " + json.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            return readResponse();
        }

        /** Reads one whole response and returns its status; marks the connection closed if the server said so. */
        private int readResponse() throws IOException {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("Not an HTTP/1.x status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            long contentLength = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> reusable &= !value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";", 2)[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";", 2)[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailer fields, none expected
                }
            } else if (contentLength >= 0) {
                skip(contentLength);
            } else if (status >= 200 && status != 204 && status != 304) {
                reusable = false; // the body runs to the end of the connection
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new EOFException("Connection closed in the middle of a response");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private void skip(long count) throws IOException {
            long left = count;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("Connection closed in the middle of a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
