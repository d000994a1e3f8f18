package org.pmoresearch.bench;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Watches analytics' totalResponses on a thread of its own and keeps every observation with the moment it
 * arrived: either by polling GET /api/hotspots, or as a dashboard does, from the SSE stream
 * GET /api/hotspots/stream (events named "hotspots" whose data is the hotspots JSON).
 */
final class TotalsObserver implements AutoCloseable {

    /** totalResponses as seen at {@code arrivedNanos} (System.nanoTime). */
    record Observation(long arrivedNanos, long totalResponses) {
    }

    private static final Duration MAX_RUN = Duration.ofMinutes(30);

    private final List<Observation> observations = new ArrayList<>();
    private final Thread thread;
    private final Runnable stopper;
    private volatile boolean running = true;

    private TotalsObserver(String name, ThrowingLoop loop, Runnable stopper) {
        this.stopper = stopper;
        this.thread = new Thread(() -> {
            try {
                loop.run(this);
            } catch (IOException | RuntimeException e) {
                if (running) {
                    System.err.println(name + " stopped early: " + e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
    }

    private interface ThrowingLoop {
        void run(TotalsObserver observer) throws IOException, InterruptedException;
    }

    /** Polls GET /api/hotspots every {@code interval} until closed (at most 30 minutes). */
    static TotalsObserver polling(PlatformClient client, String analyticsUrl, Duration interval) {
        TotalsObserver observer = new TotalsObserver("hotspots-poller", self -> {
            long deadline = System.nanoTime() + MAX_RUN.toNanos();
            long next = System.nanoTime();
            while (self.running && System.nanoTime() < deadline) {
                Optional<JsonNode> hotspots = client.getJson(analyticsUrl + "/api/hotspots");
                long arrived = System.nanoTime();
                hotspots.ifPresent(json -> self.record(arrived, json.get("totalResponses").asLong()));
                next += interval.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }, () -> { });
        observer.thread.start();
        return observer;
    }

    /**
     * Subscribes to the SSE stream (for at most 30 minutes); empty, with the reason appended to
     * {@code unavailableReason}, when the endpoint is absent or does not answer with an event stream.
     */
    static Optional<TotalsObserver> streaming(HttpClient http, String analyticsUrl, StringBuilder unavailableReason)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(analyticsUrl + "/api/hotspots/stream"))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "text/event-stream")
                .GET().build();
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            unavailableReason.append("GET /api/hotspots/stream failed: ").append(e.getMessage());
            return Optional.empty();
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !contentType.startsWith("text/event-stream")) {
            response.body().close();
            unavailableReason.append("GET /api/hotspots/stream answered HTTP ").append(response.statusCode())
                    .append(contentType.isEmpty() ? "" : " " + contentType.split(";")[0]);
            return Optional.empty();
        }
        Stream<String> lines = response.body();
        TotalsObserver observer = new TotalsObserver("hotspots-sse", self -> readEvents(self, lines.iterator()), lines::close);
        observer.thread.start();
        return Optional.of(observer);
    }

    /** The SSE format: "event:" and "data:" lines, an empty line ends an event; comments start with ':'. */
    private static void readEvents(TotalsObserver self, Iterator<String> lines) {
        long deadline = System.nanoTime() + MAX_RUN.toNanos();
        String event = "message";
        StringBuilder data = new StringBuilder();
        while (self.running && System.nanoTime() < deadline && lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (event.equals("hotspots") && data.length() > 0) {
                    JsonNode hotspots = PlatformClient.JSON.readTree(data.toString());
                    self.record(System.nanoTime(), hotspots.get("totalResponses").asLong());
                }
                event = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring("data:".length()).stripLeading());
            }
        }
    }

    private synchronized void record(long arrivedNanos, long totalResponses) {
        observations.add(new Observation(arrivedNanos, totalResponses));
    }

    synchronized List<Observation> observations() {
        return List.copyOf(observations);
    }

    synchronized long latestTotal() {
        return observations.isEmpty() ? -1 : observations.get(observations.size() - 1).totalResponses();
    }

    /** Waits, bounded, until an observation reaches {@code total}. */
    boolean awaitTotal(long total, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (latestTotal() < total) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20); // checks the observer's progress; the observer itself is event-driven or polls
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        stopper.run();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
