package org.pmoresearch.analytics;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the servlet container cannot read as the API expects (a query string it cannot decode, a form body, a
 * multipart body) get a 4xx problem over a real socket, never a 500.
 */
@Order(2)
class MalformedRequestsTest extends AnalyticsIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a=%ff%fe", "more parameters than the container takes"})
    void aQueryStringTheContainerCannotReadIsAnInvalidParameter(String query) throws Exception {
        String unreadable = query.startsWith("more") ? "p=1&".repeat(1_100) : query;

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/hotspots?" + unreadable)).GET());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("urn:pmoresearch:problem:invalid-parameter");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void aMalformedFormBodyIsRefusedLikeAnyOtherRequestForAClosedPath(String method) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/hotspots"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString("a=%zz&%=1")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aReadThatClaimsAMultipartBodyItDoesNotHaveIsABadRequest() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/hotspots"))
                .header("Content-Type", "multipart/form-data")
                .GET());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
