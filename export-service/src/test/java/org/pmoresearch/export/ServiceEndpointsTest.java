package org.pmoresearch.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service exposes besides the downloads, and what it keeps closed. */
class ServiceEndpointsTest extends RunningExportService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void theOpenApiDocumentNamesTheCredentialOfTheAdminExportsOnly() {
        JsonNode paths = JSON.readTree(ExportHttp.text(http.get("/v3/api-docs"))).get("paths");

        for (String adminExport : List.of("/api/exports/responses.xlsx", "/api/exports/responses.csv")) {
            assertThat(paths.get(adminExport).get("get").get("security").toString()).as(adminExport).contains("\"admin\"");
        }
        for (String download : List.of("/api/exports/pmo-services.xlsx", "/api/exports/responses/{responseId}.xlsx")) {
            assertThat(paths.get(download).get("get").has("security")).as(download).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a=%ff%fe", "more parameters than the container takes"})
    void aQueryStringTheContainerCannotReadIsABadParameter(String query) {
        String unreadable = query.startsWith("more") ? "p=1&".repeat(1_100) : query;

        HttpResponse<byte[]> response = http.get("/api/exports/pmo-services.xlsx?" + unreadable);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ExportHttp.text(response)).contains("urn:pmoresearch:problem:invalid-parameter");
    }

    @Test
    void aHeadRequestIsAnsweredAsAGetWouldBeWithoutTheBody() throws Exception {
        HttpResponse<String> workbook = head("/api/exports/pmo-services.xlsx");
        assertThat(workbook.statusCode()).isEqualTo(200);
        assertThat(workbook.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(workbook.body()).isEmpty();
        assertThat(head("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(head("/api/exports/responses.xlsx").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> head(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void aMalformedFormBodyIsRefusedLikeAnyOtherRequestForAClosedPath(String method) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/exports/pmo-services.xlsx"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString("a=%zz&%=1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aReadThatClaimsAMultipartBodyIsServedLikeAnyOtherRead() {
        assertThat(http.get("/v3/api-docs", "Content-Type", "multipart/form-data").statusCode()).isEqualTo(200);
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
