package org.pmoresearch.survey;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The service's HTTP API as a client sees it, over a real socket. */
public final class SurveyHttpClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public SurveyHttpClient(int port) {
        this.baseUrl = "http://localhost:" + port;
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
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type"),
                response.headers().firstValue("Retry-After"), response.body());
    }

    public record Response(int status, Optional<String> contentType, Optional<String> retryAfter, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
