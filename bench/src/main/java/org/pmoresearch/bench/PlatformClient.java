package org.pmoresearch.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The platform's public HTTP API as the benchmarks use it, over one HTTP/1.1 client whose connections are
 * kept alive and reused: the number of connections grows to the number of requests in flight, which the
 * load generator bounds.
 */
final class PlatformClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final PlatformUnderTest platform;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "http-client");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final KeepAliveSubmitter submitter;

    PlatformClient(PlatformUnderTest platform) {
        this(platform, ResponseIds.TIME_ORDERED);
    }

    /** @param responseIds how the Idempotency-Keys of {@link #submit} are made */
    PlatformClient(PlatformUnderTest platform, ResponseIds responseIds) {
        this.platform = platform;
        this.submitter = new KeepAliveSubmitter(URI.create(platform.surveyUrl() + "/api/responses"), REQUEST_TIMEOUT,
                responseIds);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    HttpClient http() {
        return http;
    }

    String analyticsUrl() {
        return platform.analyticsUrl();
    }

    /**
     * POST /api/responses with a fresh Idempotency-Key; completes with the HTTP status. Submissions go through
     * {@link KeepAliveSubmitter}, which costs the shared cores far less per request than {@link #http()}.
     */
    CompletableFuture<Integer> submit(byte[] body) {
        return submitter.post(body);
    }

    /** GET /api/survey once the survey serves a catalogue (it answers 503 while still reading the topic). */
    JsonNode awaitSurvey(Duration atMost) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            Optional<JsonNode> survey = getJson(platform.surveyUrl() + "/api/survey");
            if (survey.isPresent()) {
                return survey.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The survey served no catalogue within " + atMost.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(250); // polling interval while the survey reads the catalogue topic
        }
    }

    /** totalResponses of GET /api/hotspots. */
    long totalResponses() throws IOException, InterruptedException {
        JsonNode hotspots = getJson(platform.analyticsUrl() + "/api/hotspots")
                .orElseThrow(() -> new IOException("GET /api/hotspots did not answer 200"));
        return hotspots.get("totalResponses").asLong();
    }

    Optional<JsonNode> getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    }

    /** Admin reads (pages of counted responses) may take longer than a public request on a loaded machine. */
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    /** A request to an admin endpoint of analytics, with the admin's HTTP Basic credential. */
    HttpResponse<String> admin(String method, String path) throws IOException, InterruptedException {
        String password = platform.adminPassword().orElseThrow(() -> new IllegalStateException("no admin password"));
        String credential = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.analyticsUrl() + path))
                .timeout(ADMIN_TIMEOUT)
                .header("Authorization", "Basic " + credential)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        submitter.close();
        executor.shutdownNow();
    }
}
