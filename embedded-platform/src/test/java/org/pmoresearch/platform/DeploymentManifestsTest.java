package org.pmoresearch.platform;

import org.junit.jupiter.api.Test;
import org.pmoresearch.platform.PlatformSettings.Service;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files must agree with what the services really use: the ports they listen on, the
 * probe paths they serve and the environment variables they read (the same ones the embedded launcher
 * sets, which the end-to-end test proves).
 */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("platform.root", ".."));
    private static final LocalSecrets SECRETS = new LocalSecrets("admin", "pw", "hash", "secret", Path.of("pw"));

    @Test
    void eachServiceListensOnItsDocumentedDefaultPort() throws IOException {
        for (Service service : Service.values()) {
            Map<String, Object> config = single(ROOT.resolve(service.artifact()).resolve("src/main/resources/application.yml"));
            assertThat(path(config, "server", "port")).as(service.artifact()).isEqualTo(service.defaultPort());
            assertThat(path(config, "management", "endpoint", "health", "probes", "enabled")).as(service.artifact()).isEqualTo(true);
            assertThat(String.valueOf(path(config, "management", "endpoints", "web", "exposure", "include")))
                    .as(service.artifact()).isEqualTo("health,prometheus");
        }
    }

    @Test
    void kubernetesDeploymentsMatchPortsProbesAndEnvironment() throws IOException {
        for (Service service : Service.values()) {
            List<Map<String, Object>> docs = all(ROOT.resolve("deploy/k8s/base").resolve(service.artifact() + ".yaml"));
            Map<String, Object> deployment = ofKind(docs, "Deployment");
            Map<String, Object> container = cast(((List<?>) path(deployment, "spec", "template", "spec", "containers")).get(0));
            Map<String, Object> port = cast(((List<?>) container.get("ports")).get(0));
            assertThat(port.get("containerPort")).as(service.artifact()).isEqualTo(service.defaultPort());
            assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            Map<String, Object> annotations = cast(path(deployment, "spec", "template", "metadata", "annotations"));
            assertThat(annotations).containsEntry("prometheus.io/path", "/actuator/prometheus")
                    .containsEntry("prometheus.io/port", String.valueOf(service.defaultPort()));

            Set<String> known = knownEnvironment(service);
            for (Object entry : (List<?>) container.get("env")) {
                String name = (String) cast(entry).get("name");
                assertThat(known).as("%s reads %s", service.artifact(), name).contains(name);
                if (name.equals("SERVER_PORT")) {
                    assertThat(cast(entry).get("value")).isEqualTo(String.valueOf(service.defaultPort()));
                }
            }
            Map<String, Object> k8sService = ofKind(docs, "Service");
            assertThat(cast(((List<?>) path(k8sService, "spec", "ports")).get(0)).get("port")).isEqualTo(service.defaultPort());
        }
    }

    @Test
    void ingressRoutesEveryPathPrefixToTheServiceThatServesIt() throws IOException {
        Map<String, Object> ingress = single(ROOT.resolve("deploy/k8s/base/ingress.yaml"));
        List<?> paths = (List<?>) path(cast(((List<?>) path(ingress, "spec", "rules")).get(0)), "http", "paths");
        Map<String, Service> owners = Map.of("/survey", Service.SURVEY, "/api/responses", Service.SURVEY,
                "/dashboard", Service.ANALYTICS, "/api/hotspots", Service.ANALYTICS,
                "/api/catalogue", Service.CATALOGUE, "/admin/catalogue", Service.CATALOGUE, "/api/exports", Service.EXPORT);
        Map<String, Object> routes = new HashMap<>();
        for (Object each : paths) {
            routes.put((String) cast(each).get("path"), path(cast(each), "backend", "service"));
        }
        owners.forEach((prefix, service) -> {
            assertThat(routes).as(prefix).containsKey(prefix);
            Map<String, Object> backend = cast(routes.get(prefix));
            assertThat(backend.get("name")).as(prefix).isEqualTo(service.artifact());
            assertThat(path(backend, "port", "number")).as(prefix).isEqualTo(service.defaultPort());
        });
    }

    @Test
    void composeServicesUsePortsAndVariablesTheServicesRead() throws IOException {
        Map<String, Object> compose = single(ROOT.resolve("docker-compose.yml"));
        Map<String, Object> services = cast(compose.get("services"));
        for (Service service : Service.values()) {
            Map<String, Object> definition = cast(services.get(service.artifact()));
            assertThat(definition).as(service.artifact()).isNotNull();
            Map<String, Object> environment = cast(definition.get("environment"));
            assertThat(String.valueOf(environment.get("SERVER_PORT"))).isEqualTo(String.valueOf(service.defaultPort()));
            assertThat(knownEnvironment(service)).as(service.artifact()).containsAll(environment.keySet());
            assertThat(path(definition, "build", "args", "SERVICE")).isEqualTo(service.artifact());
        }
    }

    @Test
    void prometheusScrapesEveryServiceOnItsPort() throws IOException {
        String scrape = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        for (Service service : Service.values()) {
            assertThat(scrape).contains(service.artifact() + ":" + service.defaultPort());
        }
        assertThat(scrape).contains("metrics_path: /actuator/prometheus");
    }

    /** Settings only deployments use: JSON logs, trace export, the front door's addresses. */
    private static final Set<String> DEPLOYMENT_ONLY = Set.of("LOGGING_STRUCTURED_FORMAT_CONSOLE",
            "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "PMO_RATE_LIMIT_TRUSTED_PROXIES");

    private static Set<String> knownEnvironment(Service service) {
        Set<String> known = new java.util.HashSet<>(EmbeddedPlatform.environmentOf(PlatformSettings.defaults(), SECRETS, service).keySet());
        known.addAll(DEPLOYMENT_ONLY);
        return known;
    }

    private static Map<String, Object> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(doc -> kind.equals(doc.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static Object path(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String key : keys) {
            assertThat(current).as("parent of %s", key).isInstanceOf(Map.class);
            current = cast(current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> single(Path file) throws IOException {
        return all(file).get(0);
    }

    private static List<Map<String, Object>> all(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml().loadAll(reader)) {
                docs.add(cast(doc));
            }
        }
        return docs;
    }
}
