package org.pmoresearch.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.pmoresearch.contracts.Topics;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Ingest: realistic responses POSTed to survey-service at constant arrival rates over keep-alive HTTP/1.1,
 * then, in the same run and on the same broker, a plain Kafka producer sending records of the same sizes
 * with the same guarantees (acks=all, idempotent). Writes its section of docs/benchmarks.md and the
 * latency chart.
 */
public final class IngestBenchmark {

    static final List<Integer> DEFAULT_RATES = List.of(500, 1000, 2000, 3000);
    static final int DEFAULT_DURATION_SECONDS = 20;
    /**
     * Long enough for the services' compilers to finish with the request path: right after a start the survey
     * spends about twice the CPU on a request (see docs/benchmarks.md, "Where the time goes").
     */
    static final int DEFAULT_WARMUP_SECONDS = 90;
    static final int DEFAULT_WARMUP_RATE = 500;
    static final int TARGET_ACCEPTED_PER_SECOND = 2000;
    static final long TARGET_P99_NANOS = Duration.ofMillis(100).toNanos();
    private static final String SCRATCH_TOPIC = "bench.ingest-baseline";
    private static final int POOL_SIZE = 2000;
    private static final int PRODUCER_SATURATION_IN_FLIGHT = 5000;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parseOrExit(args, IngestBenchmark.class, BenchArgs.withCommonNames(
                "rates", "duration-seconds", "warmup-seconds", "warmup-rate", "max-in-flight", "saturation-concurrency", "chart",
                ResponseIds.OPTION));
        List<Integer> rates = options.positiveInts("rates", DEFAULT_RATES);
        Duration duration = Duration.ofSeconds(options.positiveInt("duration-seconds", DEFAULT_DURATION_SECONDS));
        Duration warmup = Duration.ofSeconds(options.positiveInt("warmup-seconds", DEFAULT_WARMUP_SECONDS));
        int warmupRate = options.positiveInt("warmup-rate", defaultWarmupRate(rates));
        int maxInFlight = options.positiveInt("max-in-flight", 256);
        int saturationConcurrency = options.positiveInt("saturation-concurrency", 64);
        Path chart = options.path("chart", "docs/bench/ingest-latency.png");
        boolean fullSize = duration.toSeconds() >= DEFAULT_DURATION_SECONDS && warmup.toSeconds() >= DEFAULT_WARMUP_SECONDS
                && rates.stream().anyMatch(rate -> rate >= TARGET_ACCEPTED_PER_SECOND);

        try (PlatformUnderTest platform = PlatformUnderTest.open(options);
             PlatformClient client = new PlatformClient(platform, ResponseIds.of(options))) {
            ResponseGenerator generator = new ResponseGenerator(client.awaitSurvey(Duration.ofSeconds(120)),
                    options.positiveInt("seed", 42));
            byte[][] bodies = new byte[POOL_SIZE][];
            byte[][] events = new byte[POOL_SIZE][];
            for (int i = 0; i < POOL_SIZE; i++) {
                ResponseGenerator.Submission submission = generator.next();
                bodies[i] = generator.requestBody(submission);
                events[i] = generator.event(submission, ResponseIds.random());
            }
            System.out.printf("Catalogue version %d with %d tasks; mean request body %.0f B, mean event %.0f B%n",
                    generator.catalogueVersion(), generator.catalogueTasks(), meanLength(bodies), meanLength(events));

            IntFunction<CompletableFuture<?>> submit = i -> client.submit(bodies[i % POOL_SIZE]);
            System.out.printf("HTTP warm-up: %d s at %d/s%n", warmup.toSeconds(), warmupRate);
            Load.Result warm = Load.atConstantRate(warmupRate, warmup, maxInFlight, PlatformClient.REQUEST_TIMEOUT, "202", submit);
            System.out.println("HTTP warm-up " + describe(warm));
            List<Step> http = new ArrayList<>();
            for (int rate : rates) {
                CpuAccount cpu = CpuAccount.start(platform.processes());
                Load.Result result = Load.atConstantRate(rate, duration, maxInFlight, PlatformClient.REQUEST_TIMEOUT, "202", submit);
                http.add(new Step(result, cpu.stop()));
                System.out.println("HTTP " + describe(result));
            }
            System.out.printf("HTTP saturation: %d requests in flight for %d s%n", saturationConcurrency, duration.toSeconds());
            CpuAccount saturationCpu = CpuAccount.start(platform.processes());
            Load.Result saturation = Load.saturating(saturationConcurrency, duration, PlatformClient.REQUEST_TIMEOUT, "202", submit);
            Step httpMax = new Step(saturation, saturationCpu.stop());
            System.out.println("HTTP saturation " + describe(saturation));

            RawProducerRun raw = measureRawProducer(platform.bootstrapServers(), events, rates, duration, warmup, warmupRate,
                    maxInFlight);
            Optional<SurveyAlone> surveyAlone = withoutAnalytics(platform, saturationConcurrency, duration, maxInFlight, submit);

            writeChart(chart, fullSize, http, raw.perRate());
            ResultSection section = new ResultSection("Ingest: HTTP submissions against a raw Kafka producer", fullSize,
                    platform.description());
            section.paragraph(String.format("Responses to catalogue version %d: a profile and %d–%d task selections"
                            + " (capped at the catalogue's %d tasks), mean request body %.0f B; baseline records are the"
                            + " SurveyResponseSubmitted events of the same responses (mean %.0f B) on a scratch topic with the"
                            + " same %d partitions, sent by one producer with survey-service's settings (acks=all, idempotent,"
                            + " linger 5 ms). Each rate runs %d s after a %d s warm-up; latency runs from the intended send"
                            + " time, at most %d requests in flight. The warm-up itself (%d/s, %s, so a start's cold"
                            + " compilers show there and not in the steps): %s.",
                    generator.catalogueVersion(), ResponseGenerator.MIN_TASKS, ResponseGenerator.MAX_TASKS,
                    generator.catalogueTasks(), meanLength(bodies), meanLength(events), raw.partitions(),
                    duration.toSeconds(), warmup.toSeconds(), maxInFlight, warmupRate,
                    platform.embedded().isPresent() ? "right after the platform's start" : "on the running platform", describe(warm)));
            section.table(List.of("offered", "accepted", "p50", "p95", "p99", "max", "errors", "raw p50", "raw p99",
                    "p99 ÷ raw p99"), rateRows(http, raw.perRate()));
            section.table(List.of("most it takes", "platform (HTTP, " + saturationConcurrency + " in flight)",
                    "raw producer (" + PRODUCER_SATURATION_IN_FLIGHT + " in flight)", "ratio"), List.of(
                    List.of("per second", ResultSection.rate(saturation.succeededPerSecond()),
                            ResultSection.rate(raw.saturation().succeededPerSecond()),
                            ResultSection.ratio(saturation.succeededPerSecond() / raw.saturation().succeededPerSecond())),
                    List.of("p99", percentile(saturation, 99), percentile(raw.saturation(), 99), ""),
                    List.of("errors", errors(saturation), errors(raw.saturation()), "")));
            surveyAlone.ifPresent(alone -> section.paragraph(String.format("The same saturating step with analytics-service"
                            + " stopped (run last, after the baseline), so that the survey path has the cores without the counting"
                            + " pipeline beside it: %s accepted, p99 %s, errors %s; %s of the raw producer's rate and %s the"
                            + " co-located figure. Then, still without analytics, %d s at the target's %,d /s offered: %s"
                            + " accepted, p99 %s, errors %s.",
                    ResultSection.rate(alone.saturation().succeededPerSecond()), percentile(alone.saturation(), 99),
                    errors(alone.saturation()),
                    ResultSection.ratio(alone.saturation().succeededPerSecond() / raw.saturation().succeededPerSecond()),
                    ResultSection.ratio(alone.saturation().succeededPerSecond() / saturation.succeededPerSecond()) + " ×",
                    duration.toSeconds(), TARGET_ACCEPTED_PER_SECOND, ResultSection.rate(alone.atTarget().succeededPerSecond()),
                    percentile(alone.atTarget(), 99), errors(alone.atTarget()))));
            Path results = options.path("results", ResultsDocument.DEFAULT_PATH);
            section.paragraph("Target (issue 8): at least " + TARGET_ACCEPTED_PER_SECOND + " responses/s accepted with p99 at most "
                    + ResultSection.ms(TARGET_P99_NANOS) + ": **" + targetVerdict(http) + "**.");
            section.paragraph("![Ingest latency against offered load](" + ResultsDocument.linkTo(results, chart) + ")");
            section.bullets("What limits it", limits(http, httpMax, maxInFlight));
            ResultsDocument.replaceSection(results, "ingest", section.markdown());
        }
    }

    /**
     * The warm-up's rate unless {@code --warmup-rate} says otherwise: 500/s, or the lowest measured rate if that is
     * lower. A warm-up at the rates being measured would start a cold survey at them: it falls seconds behind and
     * leaves analytics a backlog that it is still counting, on the same cores, during the first measured step.
     */
    static int defaultWarmupRate(List<Integer> rates) {
        return Math.min(DEFAULT_WARMUP_RATE, Collections.min(rates));
    }

    private record RawProducerRun(int partitions, List<Load.Result> perRate, Load.Result saturation) {
    }

    /** The same records, rates and durations through one plain producer, on a scratch topic of the same partition count. */
    private static RawProducerRun measureRawProducer(String bootstrapServers, byte[][] events, List<Integer> rates, Duration duration,
                                                     Duration warmup, int warmupRate, int maxInFlight)
            throws InterruptedException {
        try (Admin admin = RawKafka.admin(bootstrapServers);
             KafkaProducer<String, byte[]> producer = RawKafka.surveyLikeProducer(bootstrapServers)) {
            int partitions = RawKafka.partitionCount(admin, Topics.SURVEY_RESPONSES);
            RawKafka.createScratchTopic(admin, producer, SCRATCH_TOPIC, partitions);
            try {
                IntFunction<CompletableFuture<?>> send = i -> RawKafka.send(producer, SCRATCH_TOPIC,
                        ResponseIds.random().toString(), events[i % POOL_SIZE]);
                Load.atConstantRate(warmupRate, warmup, maxInFlight, PlatformClient.REQUEST_TIMEOUT, "acknowledged", send);
                List<Load.Result> perRate = new ArrayList<>();
                for (int rate : rates) {
                    Load.Result result = Load.atConstantRate(rate, duration, maxInFlight, PlatformClient.REQUEST_TIMEOUT,
                            "acknowledged", send);
                    perRate.add(result);
                    System.out.println("Raw producer " + describe(result));
                }
                Load.Result saturation = Load.saturating(PRODUCER_SATURATION_IN_FLIGHT, duration, PlatformClient.REQUEST_TIMEOUT,
                        "acknowledged", send);
                System.out.println("Raw producer saturation " + describe(saturation));
                return new RawProducerRun(partitions, perRate, saturation);
            } finally {
                RawKafka.deleteTopic(admin, SCRATCH_TOPIC);
            }
        }
    }

    private record Step(Load.Result result, CpuAccount.Usage cpu) {
    }

    /** The survey path without the counting pipeline beside it: saturated, then at the target's rate. */
    private record SurveyAlone(Load.Result saturation, Load.Result atTarget) {
    }

    /**
     * With an embedded platform: stops analytics-service through the launcher's console, saturates the survey again,
     * then offers it the target's rate. Submissions keep landing in Kafka; analytics is not started again, as the
     * platform stops next.
     */
    private static Optional<SurveyAlone> withoutAnalytics(PlatformUnderTest platform, int concurrency, Duration duration,
                                                          int maxInFlight, IntFunction<CompletableFuture<?>> submit)
            throws IOException, InterruptedException {
        Optional<EmbeddedPlatformProcess> embedded = platform.embedded();
        if (embedded.isEmpty()) {
            return Optional.empty();
        }
        embedded.get().control("stop analytics-service");
        System.out.printf("HTTP saturation with analytics-service stopped: %d requests in flight for %d s%n", concurrency,
                duration.toSeconds());
        Load.Result saturation = Load.saturating(concurrency, duration, PlatformClient.REQUEST_TIMEOUT, "202", submit);
        System.out.println("HTTP saturation, analytics stopped " + describe(saturation));
        Load.Result atTarget = Load.atConstantRate(TARGET_ACCEPTED_PER_SECOND, duration, maxInFlight,
                PlatformClient.REQUEST_TIMEOUT, "202", submit);
        System.out.println("HTTP, analytics stopped, " + describe(atTarget));
        return Optional.of(new SurveyAlone(saturation, atTarget));
    }

    private static List<List<String>> rateRows(List<Step> http, List<Load.Result> raw) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < http.size(); i++) {
            Load.Result platform = http.get(i).result();
            Load.Result baseline = raw.get(i);
            rows.add(List.of(ResultSection.rate(platform.offeredRate()), ResultSection.rate(platform.succeededPerSecond()),
                    percentile(platform, 50), percentile(platform, 95), percentile(platform, 99),
                    platform.latency().isEmpty() ? "–" : ResultSection.ms(platform.latency().max()), errors(platform),
                    percentile(baseline, 50), percentile(baseline, 99), latencyRatio(platform, baseline)));
        }
        return rows;
    }

    private static String targetVerdict(List<Step> http) {
        OptionalDouble highestMet = http.stream()
                .map(Step::result)
                .filter(result -> result.offeredRate() >= TARGET_ACCEPTED_PER_SECOND && result.failed() == 0
                        && result.succeededPerSecond() >= 0.99 * result.offeredRate()
                        && result.latency().percentile(99) <= TARGET_P99_NANOS)
                .mapToDouble(Load.Result::offeredRate)
                .max();
        return highestMet.isPresent()
                ? "met, up to " + ResultSection.rate(highestMet.getAsDouble()) + " offered"
                : "not met at any offered rate of " + TARGET_ACCEPTED_PER_SECOND + "/s or more in this run";
    }

    private static List<String> limits(List<Step> http, Step saturation, int maxInFlight) {
        List<String> limits = new ArrayList<>();
        Step highest = http.get(http.size() - 1);
        limits.add("CPU at " + ResultSection.rate(highest.result().offeredRate()) + " offered: " + highest.cpu().detail() + ".");
        limits.add("CPU at saturation: " + saturation.cpu().detail() + ".");
        long lag = http.stream().mapToLong(step -> step.result().maxSendLagNanos()).max().orElse(0);
        limits.add("The load generator shares the cores with the platform. A request was sent at most " + ResultSection.ms(lag)
                + " after its intended time, waiting for the generator or for one of the " + maxInFlight + " slots for requests"
                + " in flight; that wait is inside the latencies above.");
        limits.add("Every request of the platform waits for Kafka's acknowledgement (acks=all) before its 202, so its latency"
                + " floor is the raw producer's latency at the same rate plus HTTP, validation and serialisation.");
        return limits;
    }

    private static void writeChart(Path file, boolean fullSize, List<Step> http, List<Load.Result> raw) throws IOException {
        double[] offered = http.stream().mapToDouble(step -> step.result().offeredRate()).toArray();
        LatencyChart chart = new LatencyChart(offered)
                .line("platform p50", millis(http.stream().map(Step::result).toList(), 50), false)
                .line("platform p95", millis(http.stream().map(Step::result).toList(), 95), false)
                .line("platform p99", millis(http.stream().map(Step::result).toList(), 99), false)
                .line("raw producer p99", millis(raw, 99), true);
        chart.write(file, "Ingest latency against offered load" + (fullSize ? "" : " (smoke run, not a result)"));
    }

    private static double[] millis(List<Load.Result> results, double percent) {
        return results.stream()
                .mapToDouble(result -> result.latency().isEmpty() ? Double.NaN : result.latency().percentile(percent) / 1e6)
                .toArray();
    }

    static String describe(Load.Result result) {
        Stats latency = result.latency();
        String offered = result.offeredRate() > 0 ? String.format("offered %,.0f/s: ", result.offeredRate()) : "";
        return offered + String.format("%,.0f/s succeeded", result.succeededPerSecond())
                + (latency.isEmpty() ? "" : String.format(", p50 %.1f ms, p99 %.1f ms, max %.1f ms", latency.percentile(50) / 1e6,
                latency.percentile(99) / 1e6, latency.max() / 1e6))
                + (result.failures().isEmpty() ? "" : ", failures " + result.failures());
    }

    private static String percentile(Load.Result result, double percent) {
        return result.latency().isEmpty() ? "–" : ResultSection.ms(result.latency().percentile(percent));
    }

    private static String latencyRatio(Load.Result platform, Load.Result baseline) {
        if (platform.latency().isEmpty() || baseline.latency().isEmpty()) {
            return "–";
        }
        return ResultSection.ratio((double) platform.latency().percentile(99) / Math.max(baseline.latency().percentile(99), 1));
    }

    static String errors(Load.Result result) {
        Map<String, Long> failures = result.failures();
        return failures.isEmpty() ? "0" : failures.entrySet().stream()
                .map(entry -> entry.getValue() + " × " + entry.getKey())
                .collect(Collectors.joining(", "));
    }

    private static double meanLength(byte[][] values) {
        double total = 0;
        for (byte[] value : values) {
            total += value.length;
        }
        return total / values.length;
    }
}
