package org.pmoresearch.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pmoresearch.platform.PlatformSettings.Service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformSettingsTest {

    private static final LocalSecrets SECRETS = new LocalSecrets("admin", "password", "$2a$10$hash", "secret",
            Path.of("data/secrets/admin-password"));

    @Test
    void byDefaultBrowsersAndServicesReachEachOtherAtLocalhost() {
        PlatformSettings settings = PlatformSettings.fromArgs();

        assertThat(settings.publicUrl(Service.SURVEY)).isEqualTo("http://localhost:8082");
        assertThat(settings.baseUrl(Service.SURVEY)).isEqualTo("http://localhost:8082");
        Map<String, String> env = EmbeddedPlatform.environmentOf(settings, SECRETS, Service.ANALYTICS);
        assertThat(env).containsEntry("PMO_PUBLIC_SURVEY_URL", "http://localhost:8082");
        assertThat(List.of(env.get("PMO_CORS_ALLOWED_ORIGINS").split(","))).containsExactly(
                "http://localhost:8081", "http://localhost:8082", "http://localhost:8083", "http://localhost:8084");
    }

    @Test
    void aPublicHostGoesInEveryLinkWhileTheServicesKeepReachingEachOtherLocally() {
        PlatformSettings settings = PlatformSettings.fromArgs("--public-host=192.168.1.20", "--survey-port=9082");

        Map<String, String> env = EmbeddedPlatform.environmentOf(settings, SECRETS, Service.SURVEY);

        assertThat(env).containsEntry("PMO_PUBLIC_SURVEY_URL", "http://192.168.1.20:9082")
                .containsEntry("PMO_PUBLIC_ANALYTICS_URL", "http://192.168.1.20:8083")
                .containsEntry("PMO_PUBLIC_EXPORT_URL", "http://192.168.1.20:8084")
                .containsEntry("PMO_ANALYTICS_BASE_URL", "http://localhost:8083")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        // A page opened at either address may read the hotspots.
        assertThat(List.of(env.get("PMO_CORS_ALLOWED_ORIGINS").split(","))).contains(
                "http://localhost:8083", "http://192.168.1.20:8083", "http://localhost:9082", "http://192.168.1.20:9082");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pmo-laptop", "pmo-laptop.local", "10.0.0.7", "[fe80::1]", "[::1]"})
    void aHostNameOrAnAddressIsAPublicHost(String host) {
        assertThat(PlatformSettings.fromArgs("--public-host=" + host).publicUrl(Service.ANALYTICS))
                .isEqualTo("http://" + host + ":8083");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://pmo-laptop", "pmo-laptop:8080", "pmo laptop", "-pmo", "pmo/survey", "fe80::1",
            "pmo-laptop.", "<script>"})
    void anythingElseIsRefusedNamingTheOption(String host) {
        assertThatThrownBy(() -> PlatformSettings.fromArgs("--public-host=" + host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--public-host")
                .hasMessageContaining("'" + host + "'");
    }
}
