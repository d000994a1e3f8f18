package org.pmoresearch.analytics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A Server-Sent Events client over a real HTTP connection, collecting what the server sends. */
final class SseClient implements AutoCloseable {

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Returns once the response headers have arrived. */
    static SseClient connect(URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
        return new SseClient(client.send(request, HttpResponse.BodyHandlers.ofLines()));
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    Optional<Event> lastEvent() {
        List<Event> received = events();
        return received.isEmpty() ? Optional.empty() : Optional.of(received.get(received.size() - 1));
    }

    List<String> comments() {
        return List.copyOf(comments);
    }

    private void read() {
        String name = null;
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, String.join("\n", data)));
                    }
                    name = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring("data:".length()).strip());
                }
            }
        } catch (RuntimeException closed) {
            // The test closed the stream.
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }

    record Event(String name, String data) {
    }
}
