package org.pmoresearch.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.contracts.Topics;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Catch-up: N SurveyResponseSubmitted events written straight to the responses topic with a plain producer,
 * then how fast analytics counts them: the backlog it still had when the last event was on the topic, and,
 * where analytics offers it, a full rebuild from offset zero (POST /api/admin/rebuild). The baseline, in the
 * same run: a plain KafkaConsumer reading the same topic from offset zero; beside it, the same consumer parsing each
 * event into its contract record, the least any consumer of the events does with them.
 */
public final class CatchUpBenchmark {

    static final int DEFAULT_EVENTS = 1_000_000;
    static final int DEFAULT_TIMEOUT_SECONDS = 1800;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    private static final int POOL_SIZE = 1000;

    private CatchUpBenchmark() {
    }

    /** One measured way of reading the backlog: how many events, in how long. */
    private record Reading(String what, long events, double seconds, String note) {

        double perSecond() {
            return seconds > 0 ? events / seconds : 0;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parseOrExit(args, CatchUpBenchmark.class, BenchArgs.withCommonNames("events", "timeout-seconds",
                ResponseIds.OPTION));
        int events = options.positiveInt("events", DEFAULT_EVENTS);
        Duration timeout = Duration.ofSeconds(options.positiveInt("timeout-seconds", DEFAULT_TIMEOUT_SECONDS));
        boolean fullSize = events >= DEFAULT_EVENTS;
        ResponseIds responseIds = ResponseIds.of(options);

        try (PlatformUnderTest platform = PlatformUnderTest.open(options);
             PlatformClient client = new PlatformClient(platform)) {
            JsonNode survey = client.awaitSurvey(Duration.ofSeconds(120));
            ResponseGenerator generator = new ResponseGenerator(survey, options.positiveInt("seed", 42));
            List<ResponseGenerator.Submission> pool = new ArrayList<>();
            for (int i = 0; i < POOL_SIZE; i++) {
                pool.add(generator.next());
            }
            long base = client.totalResponses();

            System.out.printf("Writing %,d events to %s ...%n", events, Topics.SURVEY_RESPONSES);
            long writeStart = System.nanoTime();
            long eventBytes = write(platform.bootstrapServers(), generator, pool, events, responseIds);
            long written = System.nanoTime();
            long countedWhenWritten = client.totalResponses() - base;
            double writeSeconds = (written - writeStart) / 1e9;
            System.out.printf("Written in %.1f s (%,.0f/s); analytics had counted %,d of them by then%n", writeSeconds,
                    events / writeSeconds, countedWhenWritten);

            CpuAccount drainCpu = CpuAccount.start(platform.processes());
            Optional<Long> allCounted = awaitTotal(client, base + events, timeout);
            CpuAccount.Usage drainUsage = drainCpu.stop();
            List<Reading> readings = new ArrayList<>();
            long finished = allCounted.orElse(System.nanoTime());
            String incomplete = allCounted.isPresent() ? "" : "did not finish within " + timeout.toSeconds() + " s: rate so far";
            long countedAtEnd = allCounted.isPresent() ? events : client.totalResponses() - base;
            long backlog = countedAtEnd - countedWhenWritten;
            Reading drain = new Reading("analytics live: backlog left when the last event was written → counted",
                    backlog, (finished - written) / 1e9, backlog == 0 ? "no backlog: analytics kept up with the writer" : incomplete);
            Reading overall = new Reading("analytics live: first event written → all counted", countedAtEnd,
                    (finished - writeStart) / 1e9, incomplete);
            readings.add(drain);
            readings.add(overall);

            System.out.println("Raw consumer: reading " + Topics.SURVEY_RESPONSES + " from offset zero ...");
            RawKafka.ReadResult raw = RawKafka.readFromStart(platform.bootstrapServers(), Topics.SURVEY_RESPONSES, timeout);
            Reading rawReading = new Reading("raw KafkaConsumer: whole topic from offset zero (baseline)", raw.records(), raw.seconds(),
                    raw.complete() ? "" : "did not reach the end within " + timeout.toSeconds() + " s");
            System.out.printf("Raw consumer: %,d records in %.1f s (%,.0f/s)%n", raw.records(), raw.seconds(), raw.recordsPerSecond());
            System.out.println("Raw consumer parsing each event: reading " + Topics.SURVEY_RESPONSES + " from offset zero ...");
            long[] parsedSelections = new long[1];
            RawKafka.ReadResult parsed = RawKafka.readFromStart(platform.bootstrapServers(), Topics.SURVEY_RESPONSES, timeout,
                    record -> parsedSelections[0] += PlatformClient.JSON.readValue(record.value(), SurveyResponseSubmitted.class)
                            .selections().size());
            Reading parsedReading = new Reading("raw KafkaConsumer parsing each event into SurveyResponseSubmitted (Jackson,"
                    + " one thread)", parsed.records(), parsed.seconds(),
                    parsed.complete() ? "" : "did not reach the end within " + timeout.toSeconds() + " s");
            System.out.printf("Raw consumer parsing: %,d records in %.1f s (%,.0f/s, %,d areas selected)%n", parsed.records(),
                    parsed.seconds(), parsed.recordsPerSecond(), parsedSelections[0]);

            StringBuilder rebuildUnavailable = new StringBuilder();
            CpuAccount rebuildCpu = CpuAccount.start(platform.processes());
            Optional<Reading> rebuild = rebuild(client, platform, timeout, raw.records(), rebuildUnavailable);
            CpuAccount.Usage rebuildUsage = rebuildCpu.stop();
            long totalAfterRebuild = client.totalResponses();
            rebuild.ifPresent(readings::add);
            readings.add(parsedReading);
            readings.add(rawReading);

            ResultSection section = new ResultSection("Catch-up: analytics against a raw consumer", fullSize, platform.description());
            section.paragraph(String.format("%,d SurveyResponseSubmitted events (catalogue version %d, 20–120 task selections"
                            + " capped at %d, mean %,.0f B, responseIds %s) written straight to %s with a plain producer (acks=all, idempotent,"
                            + " linger 20 ms, 256 KiB batches) in %.1f s; analytics consumed while they were written and had"
                            + " counted %,d when the last one was on the topic. The raw consumer assigns every partition, reads"
                            + " byte arrays and parses nothing.",
                    events, generator.catalogueVersion(), generator.catalogueTasks(), (double) eventBytes / events,
                    responseIds == ResponseIds.TIME_ORDERED ? "time-ordered, version 7, as the survey page makes them"
                            : "random, version 4",
                    Topics.SURVEY_RESPONSES, writeSeconds, countedWhenWritten));
            List<List<String>> rows = new ArrayList<>();
            for (Reading reading : readings) {
                rows.add(List.of(reading.what(), String.format("%,d", reading.events()), ResultSection.seconds(reading.seconds()),
                        ResultSection.rate(reading.perSecond()) + (reading.note().isEmpty() ? "" : " (" + reading.note() + ")"),
                        ResultSection.ratio(reading.perSecond() / rawReading.perSecond())));
            }
            section.table(List.of("reading", "events", "time", "rate", "÷ raw consumer"), rows);
            if (rebuild.isEmpty()) {
                section.paragraph("Rebuild from offset zero: not measured, " + rebuildUnavailable + ".");
            }
            Reading judged = rebuild.orElse(backlog > 0 ? drain : overall);
            double share = judged.perSecond() / rawReading.perSecond();
            section.paragraph(String.format("Target (issue 8): catch-up at least half the raw consumer's rate: **%s** (%s: %.2f).",
                    share >= 0.5 && judged.note().isEmpty() ? "met" : "not met", judged.what(), share));
            rebuild.ifPresent(reading -> section.paragraph(String.format("After the rebuild the hotspots total was %,d (%s).",
                    totalAfterRebuild, totalAfterRebuild == base + countedAtEnd ? "the same as before it" : "before it: "
                            + String.format("%,d", base + countedAtEnd))));
            List<String> limits = new ArrayList<>();
            limits.add("CPU while analytics drained the backlog: " + drainUsage.detail() + ".");
            rebuild.ifPresent(reading -> limits.add("CPU during the rebuild: " + rebuildUsage.detail() + "."));
            limits.add("The raw consumer only fetches; analytics also parses each event, checks and stores its response fact"
                    + " and writes the partition's counts to the MongoDB-wire store, so its rate is bounded by that work and"
                    + " by the store (when embedded: mongo-java-server on H2, in a JVM of its own beside the broker's).");
            limits.add(String.format("Parsing alone, the first thing analytics does with an event, reads %.2f of the raw"
                    + " consumer's rate on one thread: the events are JSON of %,.0f B on average.",
                    parsedReading.perSecond() / rawReading.perSecond(), (double) eventBytes / events));
            limits.add("While the events were written, the producer, the broker and analytics shared the same cores, so the"
                    + " live figures include that contention; the rebuild and the raw consumer ran after it.");
            section.bullets("What limits it", limits);
            ResultsDocument.replaceSection(options.path("results", ResultsDocument.DEFAULT_PATH), "catch-up", section.markdown());
        }
    }

    /** Writes the events and returns their total size in bytes; fails if any write was not acknowledged. */
    private static long write(String bootstrapServers, ResponseGenerator generator, List<ResponseGenerator.Submission> pool,
                              int events, ResponseIds responseIds) {
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = RawKafka.bulkProducer(bootstrapServers)) {
            for (int i = 0; i < events; i++) {
                UUID responseId = responseIds.next();
                byte[] event = generator.event(pool.get(i % pool.size()), responseId);
                bytes += event.length;
                RawKafka.send(producer, Topics.SURVEY_RESPONSES, responseId.toString(), event).whenComplete((ack, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, error);
                    }
                });
                if ((i + 1) % Math.max(events / 10, 1) == 0) {
                    System.out.printf("  %,d written%n", i + 1);
                }
            }
            producer.flush();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " events were not acknowledged", firstFailure.get());
        }
        return bytes;
    }

    /** Polls the hotspots total until it reaches {@code total}; the moment it did, or empty on timeout. */
    private static Optional<Long> awaitTotal(PlatformClient client, long total, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextProgress = start + PROGRESS_INTERVAL.toNanos();
        while (System.nanoTime() < deadline) {
            long current = client.totalResponses();
            long now = System.nanoTime();
            if (current >= total) {
                return Optional.of(now);
            }
            if (now > nextProgress) {
                System.out.printf("  analytics total %,d of %,d%n", current, total);
                nextProgress += PROGRESS_INTERVAL.toNanos();
            }
            TimeUnit.NANOSECONDS.sleep(POLL_INTERVAL.toNanos()); // polling interval of the total
        }
        return Optional.empty();
    }

    /**
     * POST /api/admin/rebuild, then GET /api/admin/rebuild until it reports completed; the rate from its own
     * startedAt/completedAt and eventsApplied (else the time seen here and the topic's record count).
     * Empty, with the reason, where analytics has no rebuild.
     */
    private static Optional<Reading> rebuild(PlatformClient client, PlatformUnderTest platform, Duration timeout,
                                             long topicRecords, StringBuilder unavailable) throws IOException, InterruptedException {
        if (platform.adminPassword().isEmpty()) {
            unavailable.append("no admin password (give --admin-password-file for an external platform)");
            return Optional.empty();
        }
        System.out.println("Rebuild: POST /api/admin/rebuild ...");
        long requested = System.nanoTime();
        HttpResponse<String> started = client.admin("POST", "/api/admin/rebuild");
        if (started.statusCode() != 202 && started.statusCode() != 200) {
            unavailable.append("POST /api/admin/rebuild answered HTTP ").append(started.statusCode());
            return Optional.empty();
        }
        long deadline = requested + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.sleep(POLL_INTERVAL.toNanos()); // polling interval of the rebuild's status
            HttpResponse<String> status = client.admin("GET", "/api/admin/rebuild");
            if (status.statusCode() != 200) {
                continue;
            }
            JsonNode body = PlatformClient.JSON.readTree(status.body());
            String state = body.path("status").asString("");
            if (state.equals("failed")) {
                unavailable.append("the rebuild reported status failed: ").append(status.body());
                return Optional.empty();
            }
            if (state.equals("completed")) {
                double clientSeconds = (System.nanoTime() - requested) / 1e9;
                long applied = body.path("eventsApplied").asLong(topicRecords);
                double seconds = serverSeconds(body).orElse(clientSeconds);
                System.out.printf("Rebuild: %,d events applied in %.1f s%n", applied, seconds);
                return Optional.of(new Reading("analytics rebuild: POST /api/admin/rebuild, its startedAt → completedAt",
                        applied, seconds, ""));
            }
        }
        unavailable.append("the rebuild did not complete within ").append(timeout.toSeconds()).append(" s");
        return Optional.empty();
    }

    private static Optional<Double> serverSeconds(JsonNode status) {
        try {
            Instant started = Instant.parse(status.path("startedAt").asString(""));
            Instant completed = Instant.parse(status.path("completedAt").asString(""));
            return Optional.of(Duration.between(started, completed).toNanos() / 1e9);
        } catch (RuntimeException missingOrUnparseable) {
            return Optional.empty();
        }
    }
}
