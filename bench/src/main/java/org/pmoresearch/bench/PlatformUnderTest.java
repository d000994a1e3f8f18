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

    static final Set<String> OPTION_NAMES = Set.of("platform", "catalogue-url", "survey-url", "analytics-url", "export-url",
            "bootstrap-servers", "admin-password-file", "report-token-secret-file", "platform-jar", "services-dir", "partitions",
            "service-jvm-options", "store-jvm-options");

    /**
     * The survey's per-address token bucket is lifted for the embedded run: every request of a benchmark comes
     * from one address, so the limiter would be all that is measured. Analytics measures its consumer lag every
     * second instead of every five, for the reliability runs that watch it. Each service ignores the other's key.
     */
    static final Map<String, String> BENCHMARK_SERVICE_ENVIRONMENT = Map.of("SPRING_APPLICATION_JSON",
            "{\"pmo\":{\"rate-limit\":{\"burst\":1000000,\"per-minute\":1000000000},\"analytics\":{\"lag-interval\":\"1s\"}}}");

    private static final int DEFAULT_PARTITIONS = 12;

    /** The four services' base URLs, e.g. {@code http://localhost:8082}. */
    record Urls(String catalogue, String survey, String analytics, String export) {
    }

    private final Urls urls;
    private final String bootstrapServers;
    private final Optional<String> adminPassword;
    private final Optional<String> reportTokenSecret;
    private final EmbeddedPlatformProcess embedded;
    private final String description;

    private PlatformUnderTest(Urls urls, String bootstrapServers, Optional<String> adminPassword,
                              Optional<String> reportTokenSecret, EmbeddedPlatformProcess embedded, String description) {
        this.urls = urls;
        this.bootstrapServers = bootstrapServers;
        this.adminPassword = adminPassword;
        this.reportTokenSecret = reportTokenSecret;
        this.embedded = embedded;
        this.description = description;
    }

    static PlatformUnderTest open(BenchArgs args) throws IOException, InterruptedException {
        boolean external = args.has("catalogue-url") || args.has("survey-url") || args.has("analytics-url")
                || args.has("export-url") || args.has("bootstrap-servers");
        String mode = args.string("platform", external ? "external" : "embedded");
        return switch (mode) {
            case "embedded" -> {
                if (external) {
                    throw new IllegalArgumentException("--*-url and --bootstrap-servers name a running platform: use them"
                            + " with --platform=external (or alone)");
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
                Optional.ofNullable(args.string("store-jvm-options", null)),
                BENCHMARK_SERVICE_ENVIRONMENT);
    }

    private static PlatformUnderTest startEmbedded(BenchArgs args) throws IOException, InterruptedException {
        EmbeddedPlatformProcess.Settings settings = embeddedSettings(args);
        System.out.println("Starting the embedded platform (" + settings.platformJar() + ") ...");
        EmbeddedPlatformProcess platform = EmbeddedPlatformProcess.start(settings);
        System.out.printf("Platform healthy after %.1f s%n", platform.allHealthyAfter().toMillis() / 1000.0);
        String jvmOptions = settings.serviceJvmOptions().map(options -> ", service JVM options `" + options + "`")
                .orElse(", the launcher's default service JVM options")
                + settings.storeJvmOptions().map(options -> ", store JVM options `" + options + "`").orElse("");
        return embedded(platform, "embedded, started by the benchmark (`java -jar " + settings.platformJar() + "`, " + settings.partitions()
                        + " partitions" + jvmOptions + ", survey rate limit lifted)");
    }

    /** An embedded platform started elsewhere (a test's), which the caller closes. */
    static PlatformUnderTest embedded(EmbeddedPlatformProcess platform, String description) throws IOException {
        Urls urls = new Urls(platform.baseUrl(Service.CATALOGUE), platform.baseUrl(Service.SURVEY),
                platform.baseUrl(Service.ANALYTICS), platform.baseUrl(Service.EXPORT));
        return new PlatformUnderTest(urls, platform.bootstrapServers(), platform.adminPassword(), platform.reportTokenSecret(),
                platform, description);
    }

    private static PlatformUnderTest connect(BenchArgs args) throws IOException {
        Urls urls = new Urls(args.string("catalogue-url", "http://localhost:8081"), args.string("survey-url", "http://localhost:8082"),
                args.string("analytics-url", "http://localhost:8083"), args.string("export-url", "http://localhost:8084"));
        String bootstrapServers = args.string("bootstrap-servers", "localhost:9092");
        return new PlatformUnderTest(urls, bootstrapServers, secretFile(args, "admin-password-file"),
                secretFile(args, "report-token-secret-file"), null,
                "external, already running (survey " + urls.survey() + ", analytics " + urls.analytics() + ", Kafka "
                        + bootstrapServers + ")");
    }

    private static Optional<String> secretFile(BenchArgs args, String option) throws IOException {
        return args.has(option)
                ? Optional.of(Files.readString(Path.of(args.string(option, null)), StandardCharsets.UTF_8).trim())
                : Optional.empty();
    }

    Urls urls() {
        return urls;
    }

    String surveyUrl() {
        return urls.survey();
    }

    String analyticsUrl() {
        return urls.analytics();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Optional<String> adminPassword() {
        return adminPassword;
    }

    Optional<String> reportTokenSecret() {
        return reportTokenSecret;
    }

    /** The launcher this run started, for its console commands and logs; empty for an external platform. */
    Optional<EmbeddedPlatformProcess> embedded() {
        return Optional.ofNullable(embedded);
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
