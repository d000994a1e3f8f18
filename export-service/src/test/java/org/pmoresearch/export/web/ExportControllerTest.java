package org.pmoresearch.export.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.pmoresearch.export.config.AdminProperties;
import org.pmoresearch.export.config.SecurityConfig;
import org.pmoresearch.export.domain.ServicesWorkbookWriter;
import org.pmoresearch.export.messaging.AnalyticsHotspotsClient;
import org.pmoresearch.export.store.CatalogueVersions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/** The download's refusals and the security rules, without a broker: no catalogue version ever arrives here. */
@WebMvcTest(ExportController.class)
@Import({SecurityConfig.class, CatalogueVersions.class, ServicesWorkbookWriter.class, ExportMetrics.class,
        ExportControllerTest.MetricsAndAdmin.class})
class ExportControllerTest {

    private static final String ADMIN_PASSWORD = "correct horse battery staple";

    @DynamicPropertySource
    static void admin(DynamicPropertyRegistry registry) {
        registry.add("pmo.admin.username", () -> "operator");
        registry.add("pmo.admin.password-hash", () -> new BCryptPasswordEncoder().encode(ADMIN_PASSWORD));
    }

    @TestConfiguration
    @EnableConfigurationProperties(AdminProperties.class)
    static class MetricsAndAdmin {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private MeterRegistry meterRegistry;

    @MockitoBean
    private AnalyticsHotspotsClient analytics;

    @Test
    void answersAServiceUnavailableProblemBeforeAnyCatalogueArrivesWithoutAskingAnalytics() {
        assertThat(mvc.get().uri("/api/exports/pmo-services.xlsx"))
                .hasStatus(503)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader(HttpHeaders.RETRY_AFTER, "15")
                .bodyJson()
                .hasPathSatisfying("$.type", type -> type.assertThat().isEqualTo("urn:pmoresearch:problem:export-unavailable"))
                .hasPathSatisfying("$.status", status -> status.assertThat().isEqualTo(503))
                .hasPathSatisfying("$.detail", detail -> detail.assertThat().isEqualTo("No catalogue has been published yet."));
        verifyNoInteractions(analytics);
        assertThat(meterRegistry.get("pmo.exports.failures").tag("workbook", "public").counter().count()).isEqualTo(1);
    }

    @Test
    void challengesForAdminCredentialsOnAdminPaths() {
        assertThat(mvc.get().uri("/api/admin/exports"))
                .hasStatus(401)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"pmo-export\"");
        assertThat(mvc.get().uri("/api/admin/exports").with(httpBasic("operator", "wrong password")))
                .hasStatus(401)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void letsTheAdminThroughToAdminPaths() {
        assertThat(mvc.get().uri("/api/admin/exports").with(httpBasic("operator", ADMIN_PASSWORD)))
                .as("past security, no admin endpoint exists yet")
                .hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> type.assertThat().isEqualTo("about:blank"));
    }

    @Test
    void closedPathsReadAsAbsentToAnonymousCallersAndForbiddenToTheAdmin() {
        assertThat(mvc.get().uri("/swagger-ui/index.html")).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/api/exports/pmo-services.xlsx")).hasStatus(404);
        assertThat(mvc.get().uri("/internal").with(httpBasic("operator", ADMIN_PASSWORD)))
                .hasStatus(403)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
