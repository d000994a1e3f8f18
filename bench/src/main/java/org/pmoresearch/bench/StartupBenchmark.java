package org.pmoresearch.bench;

import org.pmoresearch.bench.EmbeddedPlatformProcess.Service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: the documented command ({@code java -jar embedded-platform/target/embedded-platform.jar}) on a
 * fresh data directory until all four services report UP, and until the survey serves the catalogue; then
 * how long it takes to stop. Several runs, median.
 */
public final class StartupBenchmark {

    static final int DEFAULT_RUNS = 3;
    static final Duration TARGET = Duration.ofSeconds(60);
    private static final Duration SURVEY_TIMEOUT = Duration.ofSeconds(120);

    private StartupBenchmark() {
    }

    private record Run(Map<Service, Duration> healthyAfter, Duration allHealthy, Duration surveyReady, Duration stopped,
                       CpuAccount.Usage cpu) {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parseOrExit(args, StartupBenchmark.class, BenchArgs.withCommonNames("runs"));
        if (!options.string("platform", "embedded").equals("embedded") || options.has("survey-url")
                || options.has("analytics-url") || options.has("bootstrap-servers")) {
            System.err.println("StartupBenchmark measures the embedded platform only: it starts the platform itself.");
            System.exit(2);
        }
        int runs = options.positiveInt("runs", DEFAULT_RUNS);
        EmbeddedPlatformProcess.Settings settings = PlatformUnderTest.embeddedSettings(options);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        String archives = archivesNote(settings);

        List<Run> firstStarts = new ArrayList<>();
        List<Run> restarts = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            System.out.printf("Run %d of %d: starting the embedded platform on a fresh data directory ...%n", run, runs);
            CpuAccount machine = CpuAccount.start(Map.of());
            EmbeddedPlatformProcess platform = EmbeddedPlatformProcess.start(settings);
            try {
                Duration surveyReady = awaitSurvey(http, platform);
                firstStarts.add(new Run(platform.healthyAfter(), platform.allHealthyAfter(), surveyReady, Duration.ZERO,
                        machine.stop()));
                System.out.printf("  first start: all healthy after %.1f s, survey serving the catalogue after %.1f s%n",
                        seconds(platform.allHealthyAfter()), seconds(surveyReady));
                CpuAccount restartMachine = CpuAccount.start(Map.of());
                platform.restart();
                Duration restartSurveyReady = awaitSurvey(http, platform);
                CpuAccount.Usage restartCpu = restartMachine.stop();
                Duration stopped = platform.stop();
                restarts.add(new Run(platform.healthyAfter(), platform.allHealthyAfter(), restartSurveyReady, stopped, restartCpu));
                System.out.printf("  restart: all healthy after %.1f s, survey serving the catalogue after %.1f s, stopped in %.1f s%n",
                        seconds(platform.allHealthyAfter()), seconds(restartSurveyReady), seconds(stopped));
            } finally {
                platform.close();
            }
        }

        ResultSection section = new ResultSection("Start-up: embedded platform, command to all healthy", runs >= DEFAULT_RUNS,
                "embedded, started by the benchmark (`java -jar " + settings.platformJar() + "`, " + settings.partitions()
                        + " partitions" + settings.serviceJvmOptions().map(jvm -> ", service JVM options `" + jvm + "`")
                        .orElse(", the launcher's default service JVM options")
                        + settings.storeJvmOptions().map(jvm -> ", store JVM options `" + jvm + "`").orElse("") + ")");
        section.paragraph("Each run launches the command on a fresh data directory (so Kafka's log directory is formatted"
                + " and the catalogue is seeded), polls every service's /actuator/health every 100 ms until it answers UP,"
                + " then GET /api/survey until the survey serves the catalogue; then stops the platform with SIGTERM and"
                + " runs the same command again on the same data directory: the restart is every later start of a user's"
                + " platform. Both map the class-data-sharing archives the build recorded (" + archives + ").");
        List<String> header = new ArrayList<>(List.of("", "all healthy"));
        Arrays.stream(Service.values()).forEach(service -> header.add(service.artifact() + " UP"));
        header.addAll(List.of("survey serves the catalogue", "stop", "machine CPU busy"));
        List<List<String>> rows = new ArrayList<>();
        double medianFirst = addRows(rows, "first start", firstStarts);
        double medianRestart = addRows(rows, "restart", restarts);
        section.table(header, rows);
        section.paragraph(String.format("Target (issue 8): platform healthy within %d s: restart **%s** (median %.1f s, %.2f of the"
                        + " target); first start on a fresh data directory **%s** (median %.1f s, %.2f of the target).",
                TARGET.toSeconds(), medianRestart <= TARGET.toSeconds() ? "met" : "not met", medianRestart,
                medianRestart / TARGET.toSeconds(), medianFirst <= TARGET.toSeconds() ? "met" : "not met", medianFirst,
                medianFirst / TARGET.toSeconds()));
        section.bullets("What limits it", List.of(
                "The launcher starts Kafka and the store (the store in a JVM of its own), then the four service JVMs at once: on this machine's "
                        + Runtime.getRuntime().availableProcessors() + " cores they compete for CPU while each loads"
                        + " its classes and Spring context, so the last service's time is what the cores allow, not the"
                        + " slowest service alone.",
                "About half of the CPU a service start needs is the optimising compiler (C2) compiling start-up code;"
                        + " catalogue-service and export-service, which serve few requests, run with C1 only, survey-service"
                        + " and analytics-service keep C2 for the load they carry (see \"Where the time goes\").",
                "Each service maps the class-data-sharing archive the build recorded (`./mvnw package` runs each"
                        + " service once to its refreshed context) instead of loading and verifying its classes again;"
                        + " \"Where the time goes\" has the same benchmark without those archives.",
                "The machine CPU column shows how busy the whole machine was during each start (other work included)."));
        ResultsDocument.replaceSection(options.path("results", ResultsDocument.DEFAULT_PATH), "startup", section.markdown());
    }

    /** Which services had the archive the build records (beside their jars) when the benchmark began. */
    private static String archivesNote(EmbeddedPlatformProcess.Settings settings) {
        List<String> missing = Arrays.stream(Service.values())
                .filter(service -> !Files.isRegularFile(settings.servicesDir().resolve(service.artifact())
                        .resolve("target").resolve("cds").resolve("classes.jsa")))
                .map(Service::artifact)
                .toList();
        return missing.isEmpty() ? "present for all four services when the benchmark began"
                : "missing for " + String.join(", ", missing) + " when the benchmark began: their first stop records them";
    }

    /** One row per run and a median row; returns the median of "all healthy" in seconds. */
    private static double addRows(List<List<String>> rows, String kind, List<Run> runs) {
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            List<String> row = new ArrayList<>(List.of("run " + (i + 1) + ", " + kind, ResultSection.seconds(seconds(run.allHealthy()))));
            for (Service service : Service.values()) {
                row.add(ResultSection.seconds(seconds(run.healthyAfter().get(service))));
            }
            row.add(ResultSection.seconds(seconds(run.surveyReady())));
            row.add(run.stopped().isZero() ? "–" : ResultSection.seconds(seconds(run.stopped())));
            row.add(run.cpu().machineBusy().map(busy -> String.format("%.0f %%", busy * 100)).orElse("–"));
            rows.add(row);
        }
        double medianAll = median(runs.stream().mapToDouble(run -> seconds(run.allHealthy())).toArray());
        List<String> medianRow = new ArrayList<>(List.of("**median, " + kind + "**", "**" + ResultSection.seconds(medianAll) + "**"));
        for (Service service : Service.values()) {
            medianRow.add(ResultSection.seconds(median(runs.stream().mapToDouble(run -> seconds(run.healthyAfter().get(service))).toArray())));
        }
        medianRow.add(ResultSection.seconds(median(runs.stream().mapToDouble(run -> seconds(run.surveyReady())).toArray())));
        medianRow.add("");
        medianRow.add("");
        rows.add(medianRow);
        return medianAll;
    }

    /** From the launch of the command until GET /api/survey answers 200 (the survey has read the catalogue). */
    private static Duration awaitSurvey(HttpClient http, EmbeddedPlatformProcess platform) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.baseUrl(Service.SURVEY) + "/api/survey"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + SURVEY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                return Duration.ofNanos(System.nanoTime() - platform.launchedAtNanos());
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling interval while the survey reads the catalogue topic
        }
        throw new IllegalStateException("The survey served no catalogue within " + SURVEY_TIMEOUT.toSeconds() + " s of being healthy");
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
