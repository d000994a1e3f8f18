package org.pmoresearch.survey;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The service's HTTP API as a client sees it, over a real socket. A client may present itself as
 * coming through a proxy with {@link #forwardedFor(String)}.
 */
public final class SurveyHttpClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String forwardedFor;

    public SurveyHttpClient(int port) {
        this("http://localhost:" + port, null);
    }

    /** A client of the service at a base URL such as {@code http://127.0.0.1:8082}. */
    public static SurveyHttpClient at(String baseUrl) {
        return new SurveyHttpClient(baseUrl, null);
    }

    private SurveyHttpClient(String baseUrl, String forwardedFor) {
        this.baseUrl = baseUrl;
        this.forwardedFor = forwardedFor;
    }

    /** The same client, sending X-Forwarded-For as a reverse proxy would. */
    public SurveyHttpClient forwardedFor(String headerValue) {
        return new SurveyHttpClient(baseUrl, headerValue);
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    public Response submit(String idempotencyKey, String body) throws IOException, InterruptedException {
        return submit(idempotencyKey, "application/json", "*/*", body.getBytes(StandardCharsets.UTF_8));
    }

    public Response submit(String idempotencyKey, String contentType, String accept, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request("/api/responses")
                .header("Content-Type", contentType)
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    public Response withdraw(String responseId, String reportToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = request("/api/responses/" + responseId + "/withdraw")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (reportToken != null) {
            request.header("X-Report-Token", reportToken);
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    public record Response(int status, HttpHeaders headers, String body) {

        public Optional<String> contentType() {
            return headers.firstValue("Content-Type");
        }

        public Optional<String> retryAfter() {
            return headers.firstValue("Retry-After");
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
