package org.pmoresearch.catalogue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies no endpoint takes (forms, multipart) are refused like any other unknown request, never parsed into a 500,
 * whatever their method, path or content.
 */
class MalformedRequestsTest extends RunningCatalogueService {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void aMalformedFormBodyIsRefusedLikeAnyOtherRequestForAClosedPath(String method) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/catalogue"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString("a=%zz&%=1")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a=%zz", "more parameters than the container takes"})
    void aFormPostedOutsideTheApiIsRefusedForItsMissingCsrfTokenWithoutReadingTheForm(String form) throws Exception {
        String body = form.startsWith("more") ? "p=1&".repeat(2_000) : form;
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/admin/catalogue/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aReadThatClaimsAMultipartBodyIsServedLikeAnyOtherRead() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/catalogue/versions"))
                .header("Content-Type", "multipart/form-data")
                .GET());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
