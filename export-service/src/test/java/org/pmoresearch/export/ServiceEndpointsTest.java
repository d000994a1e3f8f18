package org.pmoresearch.export;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service exposes besides the downloads, and what it keeps closed. */
class ServiceEndpointsTest extends RunningExportService {

    @Test
    void exposesHealthAndPrometheusButNoOtherActuatorEndpoint() {
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void describesEveryDownloadInOpenApi() {
        HttpResponse<byte[]> response = http.get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ExportHttp.text(response)).contains(
                "/api/exports/pmo-services.xlsx",
                "/api/exports/responses/{responseId}.xlsx",
                "/api/exports/responses.xlsx",
                "/api/exports/responses.csv");
    }

    @Test
    void closedPathsReadAsAbsentToAnonymousCallersAndForbiddenToTheAdmin() throws Exception {
        HttpResponse<byte[]> swagger = http.get("/swagger-ui/index.html");
        assertThat(swagger.statusCode()).isEqualTo(404);
        assertThat(swagger.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> post = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/exports/pmo-services.xlsx"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(404);

        HttpResponse<byte[]> adminElsewhere = http.getAsAdmin("/internal");
        assertThat(adminElsewhere.statusCode()).isEqualTo(403);
        assertThat(adminElsewhere.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
