package org.pmoresearch.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 spoken over a plain socket, byte for byte as the caller wrote it: the JDK's client refuses to send most of
 * what a hostile run needs (CR LF inside a header, two Content-Lengths, a missing Host, thousands of headers, a body
 * trickled over seconds). The body is written by a thread of its own while the answer is read, so a server that
 * answers early (413) and closes the connection is still heard instead of showing up as a broken pipe.
 */
final class HostileHttp implements AutoCloseable {

    /** How much of an answer's body is kept for inspection; the rest is read and dropped. */
    static final int KEPT_BODY_BYTES = 256 * 1024;
    /** The outcome of a request whose client gave up half-way on purpose. */
    static final String ABANDONED = "abandoned by the client";
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    /** What is written after the head: nothing, bytes, bytes trickled, or a large generated body. */
    interface Body {

        Body NONE = out -> {
        };

        void writeTo(OutputStream out) throws IOException, InterruptedException;

        static Body of(byte[] bytes) {
            return out -> out.write(bytes);
        }

        /** The bytes in {@code pieces} pieces with {@code pause} between them: a slow client. */
        static Body trickled(byte[] bytes, int pieces, Duration pause) {
            return out -> {
                int size = Math.max(1, (bytes.length + pieces - 1) / pieces);
                for (int from = 0; from < bytes.length; from += size) {
                    if (from > 0) {
                        TimeUnit.NANOSECONDS.sleep(pause.toNanos()); // the client's slowness is the point
                    }
                    out.write(bytes, from, Math.min(size, bytes.length - from));
                    out.flush();
                }
            };
        }

        /** {@code prefix} followed by filler up to {@code totalBytes}, plainly or as chunks of a chunked body. */
        static Body oversized(byte[] prefix, long totalBytes, boolean chunked) {
            byte[] filler = new byte[64 * 1024];
            java.util.Arrays.fill(filler, (byte) 'a');
            return out -> {
                long remaining = totalBytes;
                byte[] first = prefix;
                while (remaining > 0) {
                    byte[] piece = first != null ? first : filler;
                    int length = (int) Math.min(piece.length, remaining);
                    first = null;
                    if (chunked) {
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(piece, 0, length);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    remaining -= length;
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            };
        }
    }

    /** One answer: the status (or why there was none), the headers as received, and the start of the body. */
    record Answer(int status, String failure, List<String> headerLines, byte[] body) {

        static Answer failed(String failure) {
            return new Answer(0, failure, List.of(), new byte[0]);
        }

        boolean answered() {
            return status > 0;
        }

        /** The status as a label, or the reason there was none. */
        String outcome() {
            return answered() ? String.valueOf(status) : failure;
        }

        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headerLines.stream()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim())
                    .findFirst();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Status line, headers and body as one text, for looking for something that must not be in an answer. */
        String wholeText() {
            return String.join("\n", headerLines) + "\n\n" + bodyText();
        }
    }

    private final ExecutorService writers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "hostile-body-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final InetAddress localAddress;

    /** @param localAddress the address the sockets are bound to, or null for the system's choice */
    HostileHttp(InetAddress localAddress) {
        this.localAddress = localAddress;
    }

    /** A request head: request line, the headers (each a whole line, sent as given), and the blank line. */
    static byte[] head(String requestLine, List<String> headerLines) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n");
        headerLines.forEach(line -> head.append(line).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** host:port of a base URL such as {@code http://localhost:8082}. */
    static InetSocketAddress addressOf(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }

    /**
     * Sends the head and the body and reads one answer, waiting at most {@code timeout} between two reads.
     * Interim 1xx answers are skipped.
     */
    Answer exchange(InetSocketAddress server, byte[] head, Body body, boolean headRequest, Duration timeout)
            throws InterruptedException {
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(server, (int) Math.min(timeout.toMillis(), 5000));
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.flush();
            writers.submit(() -> {
                try {
                    body.writeTo(out);
                    out.flush();
                } catch (IOException closedByServer) {
                    // The server answered early and closed: the answer is what counts.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            return read(socket.getInputStream(), headRequest);
        } catch (SocketTimeoutException e) {
            return Answer.failed("timeout");
        } catch (IOException e) {
            return Answer.failed("no answer (" + e.getClass().getSimpleName() + ")");
        } catch (NumberFormatException e) {
            return Answer.failed("unreadable answer framing");
        }
    }

    /** Sends the head and the body, then closes the connection without reading anything: a client that gave up. */
    Answer abandon(InetSocketAddress server, byte[] head, Body body) throws InterruptedException {
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(server, 5000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            body.writeTo(out);
            out.flush();
            return Answer.failed(ABANDONED);
        } catch (IOException e) {
            return Answer.failed("closed by the server before the client gave up (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Answer read(InputStream in, boolean headRequest) throws IOException {
        while (true) {
            List<String> lines = readHead(in);
            if (lines.isEmpty()) {
                return Answer.failed("closed without an answer");
            }
            String[] statusLine = lines.get(0).split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(statusLine.length > 1 ? statusLine[1] : "");
            } catch (NumberFormatException e) {
                return Answer.failed("not an HTTP answer");
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            Answer headers = new Answer(status, null, List.copyOf(lines), new byte[0]);
            if (headRequest || status == 204 || status == 304) {
                return headers;
            }
            return new Answer(status, null, headers.headerLines(), readBody(in, headers));
        }
    }

    /** The lines up to the blank line; empty when the connection closed first. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (++total > MAX_HEAD_BYTES) {
                throw new IOException("answer head over " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue;
                    }
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return List.of();
    }

    private static byte[] readBody(InputStream in, Answer headers) throws IOException {
        Kept kept = new Kept();
        Optional<String> transferEncoding = headers.header("Transfer-Encoding");
        Optional<String> contentLength = headers.header("Content-Length");
        if (transferEncoding.isPresent() && transferEncoding.get().toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    break;
                }
                int extension = sizeLine.indexOf(';');
                long size = Long.parseLong((extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim(), 16);
                if (size == 0) {
                    while (true) {
                        String trailer = readLine(in);
                        if (trailer == null || trailer.isEmpty()) {
                            break;
                        }
                    }
                    break;
                }
                copy(in, size, kept);
                readLine(in);
            }
        } else if (contentLength.isPresent()) {
            copy(in, Long.parseLong(contentLength.get()), kept);
        } else {
            copy(in, Long.MAX_VALUE, kept);
        }
        return kept.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void copy(InputStream in, long length, Kept kept) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long remaining = length;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                return;
            }
            kept.write(buffer, 0, read);
            remaining -= read;
        }
    }

    /** Keeps the first {@link #KEPT_BODY_BYTES} bytes written to it. */
    private static final class Kept extends ByteArrayOutputStream {

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            int room = KEPT_BODY_BYTES - size();
            if (room > 0) {
                super.write(bytes, offset, Math.min(room, length));
            }
        }
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}
