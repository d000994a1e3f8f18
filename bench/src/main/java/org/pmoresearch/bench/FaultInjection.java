package org.pmoresearch.bench;

import org.pmoresearch.bench.SteadySubmissions.Submission;
import org.pmoresearch.contracts.Topics;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Kills and stops the parts of a running embedded platform under a steady load of survey submissions, the way
 * Kafka's own system tests do, then compares what survey-service acknowledged with what analytics counted:
 * every 202 counted exactly once, nothing that was refused counted at all, and the counts of every area and
 * task equal to those of the counted responses. The faults are the launcher's console commands
 * ({@code kill analytics-service}, {@code stop kafka}, ...); see docs/reliability.md.
 */
public final class FaultInjection {

    /** A fault: the console command that breaks a part, how long it stays broken, the command that mends it. */
    record Fault(String name, String breakCommand, Optional<String> mendCommand) {
    }

    /**
     * @param rate       submissions per second, throughout
     * @param settle     steady load before the first fault, and between faults once the last one recovered
     * @param outage     how long a killed or stopped part stays down before it is started again
     * @param countLimit bound of each wait for the counts to catch up
     */
    record Settings(double rate, Duration settle, Duration outage, int analyticsKills, Duration countLimit) {
    }

    /**
     * @param downFor     from the break command until the part was back (started and, for a service, healthy)
     * @param recoveredIn from the break command until analytics had counted as many responses as had been
     *                    acknowledged when the part was back; empty if it did not within the bound
     */
    record FaultResult(Fault fault, Duration downFor, Optional<Duration> recoveredIn, long acknowledgedBefore) {
    }

    /**
     * What was sent, what was counted, and the verdicts. {@code lostTrail} names the first lost responses, each with
     * the positions of its records on the responses topic and on the dead-letter topic.
     */
    record Outcome(long submitted, long acknowledged, long rejected, long unconfirmed, long notSent, long countedOfAcknowledged,
                   long lost, List<String> lostTrail, long doubled, long rejectedButCounted, long unconfirmedCounted,
                   int cellsChecked, List<String> cellMismatches, List<FaultResult> faults, List<String> unhealthy,
                   Map<String, Long> outcomes, Path log) {

        boolean passed() {
            return acknowledged > 0 && lost == 0 && doubled == 0 && rejectedButCounted == 0 && cellMismatches.isEmpty()
                    && unhealthy.isEmpty() && faults.stream().allMatch(result -> result.recoveredIn().isPresent());
        }
    }

    static final Settings FULL = new Settings(50, Duration.ofSeconds(10), Duration.ofSeconds(5), 3, Duration.ofMinutes(3));
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LISTING_POLL = Duration.ofSeconds(1);
    private static final Duration STEADY_FOR = Duration.ofSeconds(6);
    /** Ids of lost responses named in the outcome, to find them in the log of every answer. */
    private static final int MAX_IDS_SHOWN = 20;
    private static final Duration TRAIL_READ_LIMIT = Duration.ofSeconds(60);

    private FaultInjection() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parseOrExit(args, FaultInjection.class, BenchArgs.withCommonNames(
                "rate", "settle-seconds", "outage-seconds", "analytics-kills", "log"));
        Settings settings = new Settings(options.positiveInt("rate", (int) FULL.rate()),
                Duration.ofSeconds(options.positiveInt("settle-seconds", (int) FULL.settle().toSeconds())),
                Duration.ofSeconds(options.positiveInt("outage-seconds", (int) FULL.outage().toSeconds())),
                options.positiveInt("analytics-kills", FULL.analyticsKills()), FULL.countLimit());
        boolean fullSize = settings.rate() >= FULL.rate() && settings.analyticsKills() >= FULL.analyticsKills()
                && settings.settle().compareTo(FULL.settle()) >= 0;
        Path log = options.path("log", "bench/target/fault-injection-submissions.log");
        Outcome outcome;
        String platformDescription;
        try (PlatformUnderTest platform = PlatformUnderTest.open(options)) {
            if (platform.embedded().isEmpty()) {
                throw new IllegalArgumentException("Fault injection needs the embedded platform, whose launcher it commands");
            }
            platformDescription = platform.description();
            outcome = run(platform, settings, log);
        }
        print(outcome);
        ResultSection section = new ResultSection("Fault injection: acknowledged against counted", fullSize, platformDescription);
        describe(section, settings, outcome);
        ResultsDocument.replaceSection(options.path("results", "docs/reliability.md"), "fault-injection", section.markdown());
        System.exit(outcome.passed() ? 0 : 1);
    }

    /** The faults in the order they are injected. */
    static List<Fault> faults(int analyticsKills) {
        List<Fault> faults = new ArrayList<>();
        for (int i = 1; i <= analyticsKills; i++) {
            faults.add(new Fault("analytics-service killed with SIGKILL (" + i + " of " + analyticsKills + ")",
                    "kill analytics-service", Optional.of("start analytics-service")));
        }
        faults.add(new Fault("Kafka broker stopped, then started", "stop kafka", Optional.of("start kafka")));
        faults.add(new Fault("MongoDB store stopped, then started", "stop mongo", Optional.of("start mongo")));
        faults.add(new Fault("survey-service restarted (SIGTERM, then started)", "restart survey-service", Optional.empty()));
        return faults;
    }

    static Outcome run(PlatformUnderTest platform, Settings settings, Path log) throws IOException, InterruptedException {
        EmbeddedPlatformProcess launcher = platform.embedded().orElseThrow();
        try (PlatformClient client = new PlatformClient(platform)) {
            ResponseGenerator generator = new ResponseGenerator(client.awaitSurvey(Duration.ofSeconds(120)), 7);
            awaitLagZero(client, settings.countLimit());
            long baselineTotal = client.totalResponses();
            Map<String, Long> baselineCells = cells(client);
            List<FaultResult> results = new ArrayList<>();
            SteadySubmissions load = SteadySubmissions.start(client.http(), platform.surveyUrl(), generator, settings.rate(), log);
            try {
                System.out.printf("Steady load: %.0f submissions/s; log of every answer: %s%n", settings.rate(), log);
                pause(settings.settle());
                for (Fault fault : faults(settings.analyticsKills())) {
                    results.add(inject(fault, launcher, client, load, baselineTotal, settings));
                    pause(settings.settle());
                }
            } finally {
                load.stop();
                load.close();
            }
            System.out.println("Load stopped; waiting until analytics has counted everything on the topic ...");
            awaitAcknowledgedCounted(client, load, settings.countLimit());
            awaitLagZero(client, settings.countLimit());
            awaitSteadyTotal(client, settings.countLimit());
            Outcome outcome = verify(client, platform, load, baselineTotal, baselineCells, results, log);
            if (!outcome.passed()) {
                // What the broker, the store and the services hold and logged is what tells where a response went.
                launcher.keepData();
            }
            return outcome;
        }
    }

    private static FaultResult inject(Fault fault, EmbeddedPlatformProcess launcher, PlatformClient client, SteadySubmissions load,
                                      long baselineTotal, Settings settings) throws IOException, InterruptedException {
        System.out.println("Fault: " + fault.name());
        long broken = System.nanoTime();
        launcher.control(fault.breakCommand());
        if (fault.mendCommand().isPresent()) {
            pause(settings.outage());
            launcher.control(fault.mendCommand().get());
        }
        long back = System.nanoTime();
        long acknowledgedBefore = load.acknowledged();
        Optional<Long> caughtUp = awaitTotal(client, baselineTotal + acknowledgedBefore, settings.countLimit());
        FaultResult result = new FaultResult(fault, Duration.ofNanos(back - broken),
                caughtUp.map(at -> Duration.ofNanos(at - broken)), acknowledgedBefore);
        System.out.printf("  back after %.1f s; counts caught up %s%n", result.downFor().toMillis() / 1000.0,
                result.recoveredIn().map(in -> String.format("%.1f s after the fault", in.toMillis() / 1000.0))
                        .orElse("NOT within " + settings.countLimit().toSeconds() + " s"));
        return result;
    }

    private static Outcome verify(PlatformClient client, PlatformUnderTest platform, SteadySubmissions load, long baselineTotal,
                                  Map<String, Long> baselineCells, List<FaultResult> results, Path log)
            throws IOException, InterruptedException {
        Set<String> counted = countedResponseIds(client);
        Map<UUID, Submission> submissions = load.submissions();
        long acknowledged = 0;
        long rejected = 0;
        long unconfirmed = 0;
        long countedOfAcknowledged = 0;
        long lost = 0;
        List<String> lostIds = new ArrayList<>();
        long rejectedButCounted = 0;
        long unconfirmedCounted = 0;
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        Map<String, Long> expectedCells = new HashMap<>(baselineCells);
        for (Map.Entry<UUID, Submission> entry : submissions.entrySet()) {
            Submission submission = entry.getValue();
            boolean isCounted = counted.contains(entry.getKey().toString());
            outcomes.merge(submission.outcome().isEmpty() ? "no answer by the end" : submission.outcome(), 1L, Long::sum);
            switch (submission.fate()) {
                case ACKNOWLEDGED -> {
                    acknowledged++;
                    if (isCounted) {
                        countedOfAcknowledged++;
                    } else {
                        lost++;
                        if (lostIds.size() < MAX_IDS_SHOWN) {
                            lostIds.add(entry.getKey().toString());
                        }
                    }
                }
                case REJECTED -> {
                    rejected++;
                    if (isCounted) {
                        rejectedButCounted++;
                    }
                }
                case UNCONFIRMED, PENDING -> {
                    unconfirmed++;
                    if (isCounted) {
                        unconfirmedCounted++;
                    }
                }
            }
            if (isCounted) {
                submission.content().selections().forEach((area, tasks) -> {
                    expectedCells.merge("area " + area, 1L, Long::sum);
                    tasks.forEach(task -> expectedCells.merge("task " + area + "/" + task, 1L, Long::sum));
                });
            }
        }
        long countedOfRun = client.totalResponses() - baselineTotal;
        long doubled = countedOfRun - countedOfAcknowledged - unconfirmedCounted - rejectedButCounted;
        Map<String, Long> actualCells = cells(client);
        List<String> mismatches = new ArrayList<>();
        Set<String> cellNames = new HashSet<>(expectedCells.keySet());
        cellNames.addAll(actualCells.keySet());
        for (String cell : cellNames) {
            long expected = expectedCells.getOrDefault(cell, 0L);
            long actual = actualCells.getOrDefault(cell, 0L);
            if (expected != actual) {
                mismatches.add(cell + ": counted " + actual + ", expected " + expected);
            }
        }
        List<String> unhealthy = new ArrayList<>();
        PlatformUnderTest.Urls urls = platform.urls();
        for (String url : List.of(urls.catalogue(), urls.survey(), urls.analytics(), urls.export())) {
            if (!isUp(client, url)) {
                unhealthy.add(url);
            }
        }
        return new Outcome(submissions.size(), acknowledged, rejected, unconfirmed, load.notSent(), countedOfAcknowledged, lost,
                trail(platform, lostIds), doubled, rejectedButCounted, unconfirmedCounted, cellNames.size(), mismatches, results,
                unhealthy, outcomes, log);
    }

    /**
     * For each lost response, where its records are: on the responses topic (so analytics read past it), on the
     * dead-letter topic (so analytics refused it), or nowhere (so the broker does not have what it acknowledged).
     */
    static List<String> trail(PlatformUnderTest platform, List<String> lostIds) {
        if (lostIds.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new HashSet<>(lostIds);
        Map<String, List<String>> onTopic = RawKafka.positionsOfKeys(platform.bootstrapServers(), Topics.SURVEY_RESPONSES, ids,
                TRAIL_READ_LIMIT);
        Map<String, List<String>> onDeadLetters = RawKafka.positionsOfKeys(platform.bootstrapServers(),
                Topics.SURVEY_RESPONSES_DLQ, ids, TRAIL_READ_LIMIT);
        return lostIds.stream().map(id -> id + ": " + Topics.SURVEY_RESPONSES + " " + onTopic.getOrDefault(id, List.of())
                + ", " + Topics.SURVEY_RESPONSES_DLQ + " " + onDeadLetters.getOrDefault(id, List.of())).toList();
    }

    /** Every counted responseId, from the admin listing, a page at a time. */
    private static Set<String> countedResponseIds(PlatformClient client) throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        String after = null;
        do {
            HttpResponse<String> page = client.admin("GET", "/api/admin/responses?limit=1000" + (after == null ? "" : "&after=" + after));
            if (page.statusCode() != 200) {
                throw new IOException("GET /api/admin/responses answered " + page.statusCode() + ": " + page.body());
            }
            JsonNode json = PlatformClient.JSON.readTree(page.body());
            json.get("items").forEach(item -> ids.add(item.get("responseId").asString()));
            JsonNode next = json.get("next");
            after = next == null || next.isNull() ? null : next.asString();
        } while (after != null);
        return ids;
    }

    /** Every area's and task's count in the admin answer (nothing suppressed), keyed "area a" and "task a/t". */
    private static Map<String, Long> cells(PlatformClient client) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.admin("GET", "/api/admin/hotspots");
        if (answer.statusCode() != 200) {
            throw new IOException("GET /api/admin/hotspots answered " + answer.statusCode() + ": " + answer.body());
        }
        Map<String, Long> cells = new HashMap<>();
        for (JsonNode area : PlatformClient.JSON.readTree(answer.body()).get("areas")) {
            String areaId = area.get("id").asString();
            putIfCounted(cells, "area " + areaId, area.get("count").asLong());
            for (JsonNode task : area.get("tasks")) {
                putIfCounted(cells, "task " + areaId + "/" + task.get("id").asString(), task.get("count").asLong());
            }
        }
        return cells;
    }

    private static void putIfCounted(Map<String, Long> cells, String cell, long count) {
        if (count != 0) {
            cells.put(cell, count);
        }
    }

    /**
     * Polls the list of counted responses until it holds every acknowledged one, or the bound passes (what is
     * missing then is reported as lost). A total alone cannot tell: it also counts unconfirmed submissions that
     * Kafka did write, so it can reach the number acknowledged while some of them are still on their way.
     */
    private static void awaitAcknowledgedCounted(PlatformClient client, SteadySubmissions load, Duration limit)
            throws IOException, InterruptedException {
        Set<String> acknowledged = new HashSet<>();
        load.submissions().forEach((id, submission) -> {
            if (submission.fate() == SteadySubmissions.Fate.ACKNOWLEDGED) {
                acknowledged.add(id.toString());
            }
        });
        long deadline = System.nanoTime() + limit.toNanos();
        while (!countedResponseIds(client).containsAll(acknowledged) && System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.sleep(LISTING_POLL.toNanos()); // the listing is polled; there is no push for it
        }
    }

    /**
     * Waits until the hotspots total stays the same over {@link #STEADY_FOR}, longer than analytics takes to count
     * what it has read, so that the list of counted responses and the counts are read at rest; bounded.
     */
    private static void awaitSteadyTotal(PlatformClient client, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long total = client.totalResponses();
        while (System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.sleep(STEADY_FOR.toNanos()); // a quiet period is waited out, not polled for
            long now = client.totalResponses();
            if (now == total) {
                return;
            }
            total = now;
        }
    }

    /** Polls the hotspots total until it reaches {@code total}; when it did, or empty when the bound passed first. */
    private static Optional<Long> awaitTotal(PlatformClient client, long total, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.totalResponses() >= total) {
                    return Optional.of(System.nanoTime());
                }
            } catch (IOException analyticsDownOrStarting) {
                // Not counted yet, as far as anyone can see.
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos()); // polling interval of the total; there is no push for it
        }
        return Optional.empty();
    }

    /**
     * Waits until analytics' own gauge {@code pmo.consumer.lag} (records on the topic not yet in its stored counts)
     * is zero on every partition, as an operator would see it; fails after the bound.
     */
    private static void awaitLagZero(PlatformClient client, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<Long> lag = consumerLag(client);
            if (lag.isPresent() && lag.get() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("analytics' consumer lag was not zero within " + limit.toSeconds() + " s: " + lag);
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos()); // the gauge is scraped, like Prometheus does
        }
    }

    /** The sum of pmo_consumer_lag over the partitions, empty while the gauge has no partition yet. */
    private static Optional<Long> consumerLag(PlatformClient client) throws InterruptedException {
        try {
            HttpResponse<String> scrape = client.http().send(HttpRequest.newBuilder(
                            URI.create(client.analyticsUrl() + "/actuator/prometheus")).timeout(PlatformClient.REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            List<Double> values = scrape.body().lines().filter(line -> line.startsWith("pmo_consumer_lag{"))
                    .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).toList();
            return values.isEmpty() ? Optional.empty() : Optional.of(values.stream().mapToLong(Double::longValue).sum());
        } catch (IOException analyticsDownOrStarting) {
            return Optional.empty();
        }
    }

    private static boolean isUp(PlatformClient client, String baseUrl) throws InterruptedException {
        try {
            return client.getJson(baseUrl + "/actuator/health").map(health -> health.get("status").asString().equals("UP"))
                    .orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** The load keeps running meanwhile: this wait is the length of the steady period or the outage itself. */
    private static void pause(Duration duration) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }

    private static void print(Outcome outcome) {
        System.out.println();
        for (FaultResult result : outcome.faults()) {
            System.out.printf("  %-55s back after %6.1f s, counts caught up %s%n", result.fault().name(),
                    result.downFor().toMillis() / 1000.0,
                    result.recoveredIn().map(in -> String.format("%.1f s after the fault", in.toMillis() / 1000.0)).orElse("NEVER"));
        }
        System.out.printf("submitted %,d: acknowledged %,d, rejected %,d, unconfirmed %,d (not sent: %,d)%n", outcome.submitted(),
                outcome.acknowledged(), outcome.rejected(), outcome.unconfirmed(), outcome.notSent());
        System.out.printf("acknowledged %,d, counted %,d, lost %,d, doubled %,d, rejected but counted %,d, unconfirmed and counted %,d%n",
                outcome.acknowledged(), outcome.countedOfAcknowledged(), outcome.lost(), outcome.doubled(),
                outcome.rejectedButCounted(), outcome.unconfirmedCounted());
        if (!outcome.lostTrail().isEmpty()) {
            System.out.println("lost (first " + MAX_IDS_SHOWN + "; their answers are in " + outcome.log()
                    + "), with their records' positions on the topics:");
            outcome.lostTrail().forEach(line -> System.out.println("  " + line));
        }
        System.out.printf("area and task counts checked: %d, wrong: %d %s%n", outcome.cellsChecked(), outcome.cellMismatches().size(),
                outcome.cellMismatches().stream().limit(5).toList());
        System.out.println("services not healthy at the end: " + outcome.unhealthy());
        System.out.println(outcome.passed() ? "PASSED" : "FAILED");
    }

    private static void describe(ResultSection section, Settings settings, Outcome outcome) {
        section.paragraph(String.format("A steady %.0f submissions/s (realistic responses, each tried once, Idempotency-Key ="
                        + " responseId), %d s of steady load before each fault and after it, each killed or stopped part down"
                        + " for %d s. Every answer is logged by the load generator (`%s`). A submission is unconfirmed when it"
                        + " got no answer, or a 503 `broker-unavailable` (Kafka did not confirm the record in time, and may have"
                        + " written it): it may be counted, once; refused means any other non-2xx answer, or the connection"
                        + " refused, and is never counted.", settings.rate(),
                settings.settle().toSeconds(), settings.outage().toSeconds(), outcome.log()));
        List<List<String>> faultRows = new ArrayList<>();
        for (FaultResult result : outcome.faults()) {
            faultRows.add(List.of(result.fault().name(), ResultSection.seconds(result.downFor().toMillis() / 1000.0),
                    result.recoveredIn().map(in -> ResultSection.seconds(in.toMillis() / 1000.0)).orElse("not within the bound"),
                    String.format("%,d", result.acknowledgedBefore())));
        }
        section.table(List.of("fault", "part back after", "counts caught up after", "acknowledged by then"), faultRows);
        section.table(List.of("acknowledged (202)", "counted", "lost", "doubled", "refused", "of them counted",
                        "unconfirmed", "of them counted"),
                List.of(List.of(String.format("%,d", outcome.acknowledged()), String.format("%,d", outcome.countedOfAcknowledged()),
                        String.valueOf(outcome.lost()), String.valueOf(outcome.doubled()), String.format("%,d", outcome.rejected()),
                        String.valueOf(outcome.rejectedButCounted()), String.valueOf(outcome.unconfirmed()),
                        String.valueOf(outcome.unconfirmedCounted()))));
        List<String> answers = new ArrayList<>();
        outcome.outcomes().forEach((answer, count) -> answers.add(String.format("`%s`: %,d", answer, count)));
        section.paragraph("Answers seen by the load generator: " + String.join(", ", answers) + (outcome.notSent() > 0
                ? String.format("; %,d submissions not sent because 512 were already waiting", outcome.notSent()) : "") + ".");
        section.paragraph(String.format("Every area and task count (%d cells) equals the baseline plus the counted responses'"
                        + " selections: **%s**. Services healthy at the end: **%s**. Verdict: **%s**.",
                outcome.cellsChecked(), outcome.cellMismatches().isEmpty() ? "yes" : "no, " + outcome.cellMismatches().size() + " differ",
                outcome.unhealthy().isEmpty() ? "all four" : "not " + outcome.unhealthy(),
                outcome.passed() ? "passed" : "FAILED"));
    }
}
