package org.pmoresearch.bench;

import org.pmoresearch.bench.EmbeddedPlatformProcess.Service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The platform a benchmark measures: by default an embedded platform of its own, started for the run in a
 * temporary data directory and stopped at the end; or an already running one (compose, or a launcher
 * started by hand) named by its URLs and Kafka bootstrap servers.
 */
final class PlatformUnderTest implements AutoCloseable {

    static final Set<String> OPTION_NAMES = Set.of("platform", "survey-url", "analytics-url", "bootstrap-servers",
            "admin-password-file", "platform-jar", "services-dir", "partitions", "service-jvm-options");

    /**
     * The survey's per-address token bucket is lifted for the embedded run: every request of a benchmark comes
     * from one address, so the limiter would be all that is measured. Services other than survey ignore it.
     */
    static final Map<String, String> BENCHMARK_SERVICE_ENVIRONMENT = Map.of("SPRING_APPLICATION_JSON",
            "{\"pmo\":{\"rate-limit\":{\"burst\":1000000,\"per-minute\":1000000000}}}");

    private static final int DEFAULT_PARTITIONS = 12;

    private final String surveyUrl;
    private final String analyticsUrl;
    private final String bootstrapServers;
    private final Optional<String> adminPassword;
    private final EmbeddedPlatformProcess embedded;
    private final String description;

    private PlatformUnderTest(String surveyUrl, String analyticsUrl, String bootstrapServers, Optional<String> adminPassword,
                              EmbeddedPlatformProcess embedded, String description) {
        this.surveyUrl = surveyUrl;
        this.analyticsUrl = analyticsUrl;
        this.bootstrapServers = bootstrapServers;
        this.adminPassword = adminPassword;
        this.embedded = embedded;
        this.description = description;
    }

    static PlatformUnderTest open(BenchArgs args) throws IOException, InterruptedException {
        boolean external = args.has("survey-url") || args.has("analytics-url") || args.has("bootstrap-servers");
        String mode = args.string("platform", external ? "external" : "embedded");
        return switch (mode) {
            case "embedded" -> {
                if (external) {
                    throw new IllegalArgumentException("--survey-url, --analytics-url and --bootstrap-servers name a running"
                            + " platform: use them with --platform=external (or alone)");
                }
                yield startEmbedded(args);
            }
            case "external" -> connect(args);
            default -> throw new IllegalArgumentException("--platform must be embedded or external, got " + mode);
        };
    }

    static EmbeddedPlatformProcess.Settings embeddedSettings(BenchArgs args) {
        return new EmbeddedPlatformProcess.Settings(
                args.path("platform-jar", "embedded-platform/target/embedded-platform.jar"),
                args.path("services-dir", "."),
                args.positiveInt("partitions", DEFAULT_PARTITIONS),
                Optional.ofNullable(args.string("service-jvm-options", null)),
                BENCHMARK_SERVICE_ENVIRONMENT);
    }

    private static PlatformUnderTest startEmbedded(BenchArgs args) throws IOException, InterruptedException {
        EmbeddedPlatformProcess.Settings settings = embeddedSettings(args);
        System.out.println("Starting the embedded platform (" + settings.platformJar() + ") ...");
        EmbeddedPlatformProcess platform = EmbeddedPlatformProcess.start(settings);
        System.out.printf("Platform healthy after %.1f s%n", platform.allHealthyAfter().toMillis() / 1000.0);
        String jvmOptions = settings.serviceJvmOptions().map(options -> ", service JVM options `" + options + "`")
                .orElse(", the launcher's default service JVM options");
        return new PlatformUnderTest(platform.baseUrl(Service.SURVEY), platform.baseUrl(Service.ANALYTICS),
                platform.bootstrapServers(), platform.adminPassword(), platform,
                "embedded, started by the benchmark (`java -jar " + settings.platformJar() + "`, " + settings.partitions()
                        + " partitions" + jvmOptions + ", survey rate limit lifted)");
    }

    private static PlatformUnderTest connect(BenchArgs args) throws IOException {
        String surveyUrl = args.string("survey-url", "http://localhost:8082");
        String analyticsUrl = args.string("analytics-url", "http://localhost:8083");
        String bootstrapServers = args.string("bootstrap-servers", "localhost:9092");
        Optional<String> adminPassword = args.has("admin-password-file")
                ? Optional.of(Files.readString(Path.of(args.string("admin-password-file", null)), StandardCharsets.UTF_8).trim())
                : Optional.empty();
        return new PlatformUnderTest(surveyUrl, analyticsUrl, bootstrapServers, adminPassword, null,
                "external, already running (survey " + surveyUrl + ", analytics " + analyticsUrl + ", Kafka " + bootstrapServers + ")");
    }

    String surveyUrl() {
        return surveyUrl;
    }

    String analyticsUrl() {
        return analyticsUrl;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Optional<String> adminPassword() {
        return adminPassword;
    }

    String description() {
        return description;
    }

    /** The processes whose CPU time a run accounts for: this benchmark, and the platform's when it runs embedded. */
    Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        processes.put("benchmark (load generator, baselines)", ProcessHandle.current());
        if (embedded != null) {
            processes.putAll(embedded.processes());
        }
        return processes;
    }

    @Override
    public void close() {
        if (embedded != null) {
            System.out.println("Stopping the embedded platform ...");
            embedded.close();
        }
    }
}
