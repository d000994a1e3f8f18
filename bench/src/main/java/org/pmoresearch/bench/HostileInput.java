package org.pmoresearch.bench;

import org.pmoresearch.bench.EmbeddedPlatformProcess.Service;
import org.pmoresearch.bench.HostileRequests.Category;
import org.pmoresearch.bench.HostileRequests.Receipt;
import org.pmoresearch.bench.HostileRequests.Request;
import org.pmoresearch.contracts.Topics;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The hostile-input run: thousands of malformed and malicious requests against all four services, in categories,
 * interleaved with valid submissions at a steady rate. It checks that no request got a 5xx (as the client saw it and
 * as each service counted it), that no invalid request became an event, that every valid response was accepted and
 * counted, that nothing leaked into an answer, and that the services are still UP; then writes its section of
 * docs/reliability.md. Exits non-zero when a check fails.
 */
public final class HostileInput {

    static final int DEFAULT_REQUESTS = 10_000;
    static final int DEFAULT_VALID_RATE = 20;
    static final int DEFAULT_CONCURRENCY = 6;
    static final String RESULTS_SECTION = "hostile-input";
    static final String DEFAULT_RESULTS = "docs/reliability.md";
    /** Slow clients run beside the rest, this many at a time. */
    static final int SLOW_CLIENTS_AT_ONCE = 5;
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    static final Duration COUNTING_TIMEOUT = Duration.ofSeconds(120);
    private static final int VALID_BODY_POOL = 500;
    static final int LISTED_FINDINGS = 25;
    private static final Pattern SERVER_ERRORS = Pattern.compile(
            "(?m)^http_server_requests_seconds_count\\{[^}]*status=\"5\\d\\d\"[^}]*} ([0-9.eE+]+)$");
    /** Text that must never be in an answer: files outside what is served, configuration, stack traces. */
    private static final List<String> LEAK_MARKERS = List.of("root:x:0:0", "[boot loader]", "bootstrap-servers", "Spring-Boot-Version",
            "\tat org.", "\tat java.", "PMO_ADMIN_PASSWORD_HASH", "$2a$1");

    /**
     * @param requests    hostile requests, slow clients included
     * @param validRate   valid submissions per second while the hostile requests run
     * @param concurrency hostile requests in flight at once (slow clients come on top)
     */
    record Settings(int requests, int validRate, int concurrency, long seed) {

        int slowClients() {
            return Math.max(SLOW_CLIENTS_AT_ONCE, requests / 200);
        }
    }

    /** One category's requests: how many, what they were answered, and what should not have happened. */
    static final class Tally {

        private final Map<String, Long> outcomes = new TreeMap<>();
        private final List<String> serverErrors = new ArrayList<>();
        private final List<Request> serverErrorRequests = new ArrayList<>();
        private final List<String> accepted = new ArrayList<>();
        private final List<String> unanswered = new ArrayList<>();
        private final List<String> protocolRefusals = new ArrayList<>();
        private long count;

        synchronized void record(Request request, HostileHttp.Answer answer) {
            count++;
            outcomes.merge(answer.outcome(), 1L, Long::sum);
            if (!answer.answered() && !request.abandons()) {
                unanswered.add(request.label() + " → " + answer.outcome());
            }
            if (isProtocolRefusal(answer.status())) {
                protocolRefusals.add(request.label() + " → " + answer.status());
            } else if (answer.status() >= 500) {
                serverErrors.add(request.label() + " → " + answer.status() + problemOf(answer));
                serverErrorRequests.add(request);
            }
            if (answer.status() >= 200 && answer.status() < 300 && !request.maySucceed()) {
                accepted.add(request.label() + " → " + answer.status());
            }
        }

        synchronized long count() {
            return count;
        }

        synchronized Map<String, Long> outcomes() {
            return new TreeMap<>(outcomes);
        }

        synchronized List<Request> serverErrorRequests() {
            return List.copyOf(serverErrorRequests);
        }

        synchronized List<String> serverErrors() {
            return List.copyOf(serverErrors);
        }

        synchronized List<String> accepted() {
            return List.copyOf(accepted);
        }

        synchronized List<String> protocolRefusals() {
            return List.copyOf(protocolRefusals);
        }

        /** Requests the server closed or left waiting without an answer: not failures, but worth a look. */
        synchronized List<String> unanswered() {
            return List.copyOf(unanswered);
        }
    }

    /** A check of the run and whether it held. */
    record Check(String name, boolean passed, String detail) {
    }

    /**
     * @param validOutcomes     status (or failure) of every valid submission
     * @param eventsFromInvalid growth of the responses topic beyond the valid 202s
     * @param serverSide5xx     5xx answers each service counted in http.server.requests during the run
     * @param replays           each request that got a 5xx, sent again alone after the run, with what it got then
     */
    record Report(Settings settings, Duration duration, Map<Category, Tally> categories, int adminOperations,
                  Map<String, Long> validOutcomes, long validAccepted, List<String> validServerErrors, long counted,
                  List<UUID> notCounted, long responseEvents, long eventsFromInvalid, long catalogueEvents,
                  Map<Service, Long> serverSide5xx, List<String> leaks, Map<Service, String> health, List<String> replays) {

        long hostileRequests() {
            return categories.values().stream().mapToLong(Tally::count).sum();
        }

        List<String> serverErrors() {
            List<String> errors = new ArrayList<>();
            categories.values().forEach(tally -> errors.addAll(tally.serverErrors()));
            errors.addAll(validServerErrors);
            return errors;
        }

        List<String> protocolRefusals() {
            List<String> refusals = new ArrayList<>();
            categories.values().forEach(tally -> refusals.addAll(tally.protocolRefusals()));
            return refusals;
        }

        List<String> acceptedHostile() {
            List<String> accepted = new ArrayList<>();
            categories.values().forEach(tally -> accepted.addAll(tally.accepted()));
            return accepted;
        }

        long validSent() {
            return validOutcomes.values().stream().mapToLong(Long::longValue).sum();
        }

        List<Check> checks() {
            long serverSide = serverSide5xx.values().stream().mapToLong(Long::longValue).sum();
            List<String> down = health.entrySet().stream().filter(entry -> !entry.getValue().equals("UP"))
                    .map(entry -> entry.getKey().artifact() + " " + entry.getValue()).toList();
            return List.of(
                    new Check("zero 5xx", serverErrors().isEmpty() && serverSide == 0,
                            serverErrors().size() + " answered to the clients; " + serverSide + " counted by the services "
                                    + serverSide5xx.entrySet().stream().map(entry -> entry.getKey().artifact() + " " + entry.getValue())
                                    .collect(Collectors.joining(", ", "(", ")")) + "; besides, " + protocolRefusals().size()
                                    + " protocol refusals (501, 505) by the HTTP connector, see below"),
                    new Check("zero events from invalid requests", eventsFromInvalid == 0 && catalogueEvents == 0,
                            String.format("%,d records on %s for %,d valid 202s (difference %,d); %d on %s", responseEvents,
                                    Topics.SURVEY_RESPONSES, validAccepted, eventsFromInvalid, catalogueEvents, Topics.CATALOGUE)),
                    new Check("every valid response accepted and counted", validAccepted == validSent() && notCounted.isEmpty(),
                            String.format("%,d sent, %,d answered 202, %,d of them counted by analytics", validSent(), validAccepted, counted)),
                    new Check("no hostile request accepted", acceptedHostile().isEmpty(),
                            acceptedHostile().size() + " hostile requests answered 2xx where a refusal was due"),
                    new Check("nothing leaked into an answer", leaks.isEmpty(),
                            leaks.size() + " answers carried a secret, a file, configuration, a stack trace or an injected header"),
                    new Check("all four services UP at the end", down.isEmpty(), down.isEmpty() ? "UP" : String.join(", ", down)));
        }

        List<String> failures() {
            return checks().stream().filter(check -> !check.passed()).map(check -> check.name() + ": " + check.detail()).toList();
        }

        String summary() {
            StringBuilder text = new StringBuilder();
            categories.forEach((category, tally) -> text.append(String.format("%-45s %6d  %s%n", category.title(), tally.count(),
                    outcomes(tally.outcomes()))));
            text.append(String.format("%-45s %6d  %s%n", "valid submissions", validSent(), outcomes(validOutcomes)));
            checks().forEach(check -> text.append(check.passed() ? "PASS " : "FAIL ").append(check.name()).append(": ")
                    .append(check.detail()).append('\n'));
            findings().forEach(finding -> text.append("  ").append(finding).append('\n'));
            return text.toString();
        }

        /** What went wrong or is worth a look, one line per distinct finding with how often it happened. */
        List<String> findings() {
            Map<String, Long> findings = new LinkedHashMap<>();
            serverErrors().forEach(error -> findings.merge("5xx: " + error, 1L, Long::sum));
            replays.forEach(replay -> findings.merge("5xx request replayed alone: " + replay, 1L, Long::sum));
            acceptedHostile().forEach(accepted -> findings.merge("accepted: " + accepted, 1L, Long::sum));
            leaks.forEach(leak -> findings.merge("leak: " + leak, 1L, Long::sum));
            notCounted.forEach(id -> findings.merge("not counted: " + id, 1L, Long::sum));
            categories.values().stream().flatMap(tally -> tally.unanswered().stream())
                    .forEach(request -> findings.merge("no answer: " + request, 1L, Long::sum));
            return findings.entrySet().stream().limit(LISTED_FINDINGS)
                    .map(finding -> finding.getKey() + (finding.getValue() > 1 ? " (× " + finding.getValue() + ")" : ""))
                    .toList();
        }
    }

    private HostileInput() {
    }

    /**
     * 501 and 505 are what RFC 9110 (§15.6.2, §15.6.6) and RFC 9112 (§6.1) prescribe for a method, a transfer coding or
     * an HTTP version the server does not implement (CONNECT, {@code Transfer-Encoding: gzip}, {@code HTTP/2.0} in an
     * HTTP/1.1 request line). Tomcat's HTTP parser answers them before any service code runs, so they are no server
     * error and no service counts them; they are listed apart, and every other 5xx fails the run.
     */
    static boolean isProtocolRefusal(int status) {
        return status == 501 || status == 505;
    }

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parseOrExit(args, HostileInput.class, BenchArgs.withCommonNames(
                "requests", "valid-rate", "concurrency"));
        Settings settings = new Settings(options.positiveInt("requests", DEFAULT_REQUESTS),
                options.positiveInt("valid-rate", DEFAULT_VALID_RATE), options.positiveInt("concurrency", DEFAULT_CONCURRENCY),
                options.positiveInt("seed", 42));
        Path results = options.path("results", DEFAULT_RESULTS);
        Report report;
        String platformDescription;
        try (PlatformUnderTest platform = PlatformUnderTest.open(options)) {
            platformDescription = platform.description();
            report = run(platform, settings);
        }
        System.out.print(report.summary());
        ResultsDocument.replaceSection(results, RESULTS_SECTION, section(report, platformDescription).markdown());
        if (!report.failures().isEmpty()) {
            System.err.println("Hostile-input checks failed:\n  " + String.join("\n  ", report.failures()));
            System.exit(1);
        }
    }

    /** The whole run against a platform that is already up; the caller starts and stops it. */
    static Report run(PlatformUnderTest platform, Settings settings) throws IOException, InterruptedException {
        Map<Service, String> baseUrls = HostileTargets.baseUrls(platform.urls());
        try (PlatformClient client = new PlatformClient(platform); HostileHttp hostileHttp = new HostileHttp(null)) {
            JsonNode survey = client.awaitSurvey(Duration.ofSeconds(120));
            ResponseGenerator generator = new ResponseGenerator(survey, settings.seed());
            List<byte[]> validBodies = new ArrayList<>();
            for (int i = 0; i < VALID_BODY_POOL; i++) {
                validBodies.add(generator.requestBody(generator.next()));
            }
            List<HostileTargets.Operation> adminOperations = HostileTargets.adminOperations(client.http(), baseUrls);
            warmUp(client.http(), baseUrls);
            System.out.printf("%d admin operations found in the services' OpenAPI documents and admin pages%n", adminOperations.size());

            long responsesBefore = RawKafka.endOffsetTotal(platform.bootstrapServers(), Topics.SURVEY_RESPONSES);
            long catalogueBefore = RawKafka.endOffsetTotal(platform.bootstrapServers(), Topics.CATALOGUE);
            Map<Service, Long> serverErrorsBefore = serverErrors(client.http(), baseUrls);

            ValidLoad valid = new ValidLoad(client.http(), platform.surveyUrl(), validBodies);
            HostileRequests hostile = new HostileRequests(new HostileRequests.Context(baseUrls, survey, validBodies, adminOperations,
                    platform.adminPassword(), platform.reportTokenSecret(), valid::receipts), settings.seed());
            Map<Category, Tally> tallies = new EnumMap<>(Category.class);
            for (Category category : Category.values()) {
                tallies.put(category, new Tally());
            }
            List<String> leaks = new CopyOnWriteArrayList<>();
            List<String> secrets = new ArrayList<>();
            platform.adminPassword().ifPresent(secrets::add);
            platform.reportTokenSecret().ifPresent(secrets::add);

            long start = System.nanoTime();
            valid.seed(3);
            valid.start(settings.validRate());
            List<Category> plan = HostileRequests.plan(settings.requests() - settings.slowClients(), settings.seed());
            System.out.printf("Sending %,d hostile requests (%d at a time, %d slow clients %d at a time) among %d valid submissions a second%n",
                    settings.requests(), settings.concurrency(), settings.slowClients(), SLOW_CLIENTS_AT_ONCE, settings.validRate());
            ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency(), daemon("hostile-request"));
            ExecutorService slowWorkers = Executors.newFixedThreadPool(SLOW_CLIENTS_AT_ONCE, daemon("slow-client"));
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < settings.slowClients(); i++) {
                int index = plan.size() + i;
                sent.add(CompletableFuture.runAsync(() -> send(hostileHttp, hostile.next(Category.SLOW_CLIENTS, index), tallies, leaks, secrets),
                        slowWorkers));
            }
            for (int i = 0; i < plan.size(); i++) {
                int index = i;
                sent.add(CompletableFuture.runAsync(() -> send(hostileHttp, hostile.next(plan.get(index), index), tallies, leaks, secrets),
                        workers));
            }
            progressUntilDone(sent, tallies, settings.requests());
            workers.shutdown();
            slowWorkers.shutdown();
            valid.stop();
            Duration duration = Duration.ofNanos(System.nanoTime() - start);

            List<Receipt> accepted = valid.receipts();
            System.out.printf("Hostile requests done in %.1f s; waiting for analytics to count the %,d valid responses%n",
                    duration.toMillis() / 1000.0, accepted.size());
            List<UUID> notCounted = awaitCounted(client.http(), platform, accepted, COUNTING_TIMEOUT);
            long responseEvents = RawKafka.endOffsetTotal(platform.bootstrapServers(), Topics.SURVEY_RESPONSES) - responsesBefore;
            long catalogueEvents = RawKafka.endOffsetTotal(platform.bootstrapServers(), Topics.CATALOGUE) - catalogueBefore;
            Map<Service, Long> serverErrorsAfter = serverErrors(client.http(), baseUrls);
            List<String> replays = replayAlone(hostileHttp, tallies);
            Map<Service, Long> serverSide5xx = new EnumMap<>(Service.class);
            serverErrorsAfter.forEach((service, after) -> serverSide5xx.put(service, after - serverErrorsBefore.getOrDefault(service, 0L)));
            return new Report(settings, duration, tallies, adminOperations.size(), valid.outcomes(), accepted.size(),
                    valid.serverErrors(), accepted.size() - notCounted.size(), notCounted, responseEvents,
                    responseEvents - accepted.size(), catalogueEvents, serverSide5xx, List.copyOf(leaks), health(client.http(), baseUrls),
                    replays);
        }
    }

    private static void send(HostileHttp http, Request request, Map<Category, Tally> tallies, List<String> leaks, List<String> secrets) {
        try {
            HostileHttp.Answer answer = request.abandons()
                    ? http.abandon(request.server(), request.head(), request.body())
                    : http.exchange(request.server(), request.head(), request.body(), request.headRequest(), ANSWER_TIMEOUT);
            tallies.get(request.category()).record(request, answer);
            leakIn(answer, secrets).ifPresent(leak -> leaks.add(request.label() + " → " + answer.status() + ": " + leak));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One read of each service's public data before the run: the first public workbook of a freshly started platform
     * loads POI and warms analytics, which on a busy machine can take longer than export waits for analytics. The run
     * is about bad input, not about the first request after a start.
     */
    private static void warmUp(HttpClient http, Map<Service, String> baseUrls) throws IOException, InterruptedException {
        for (Map.Entry<Service, String> service : baseUrls.entrySet()) {
            String path = HostileRequests.publicRead(service.getKey());
            long start = System.nanoTime();
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(service.getValue() + path))
                    .timeout(Duration.ofSeconds(120)).GET().build(), HttpResponse.BodyHandlers.discarding());
            System.out.printf("Warm-up: %s %s answered %d in %.1f s%n", service.getKey().artifact(), path, response.statusCode(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Sends each request that got a 5xx once more, alone, once the load is over: a 5xx that does not come back is one
     * the load caused (a dependency too slow to answer in time), not one the input causes.
     */
    private static List<String> replayAlone(HostileHttp http, Map<Category, Tally> tallies) throws InterruptedException {
        List<String> replays = new ArrayList<>();
        for (Request request : tallies.values().stream().flatMap(tally -> tally.serverErrorRequests().stream())
                .limit(LISTED_FINDINGS).toList()) {
            HostileHttp.Answer answer = http.exchange(request.server(), request.head(), request.body(), request.headRequest(),
                    ANSWER_TIMEOUT);
            replays.add(request.label() + " → " + answer.outcome() + problemOf(answer));
        }
        return replays;
    }

    /** The type and detail of a problem+json answer, shortened, or nothing. */
    static String problemOf(HostileHttp.Answer answer) {
        if (!answer.header("Content-Type").orElse("").contains("json")) {
            return "";
        }
        try {
            JsonNode problem = PlatformClient.JSON.readTree(answer.body());
            String text = problem.path("type").asString("") + ": " + problem.path("detail").asString("");
            return " (" + (text.length() > 160 ? text.substring(0, 159) + "…" : text) + ")";
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    /** What an answer must not carry: a secret, a file or configuration, a stack trace, a header injected by the request. */
    static Optional<String> leakIn(HostileHttp.Answer answer, List<String> secrets) {
        String text = answer.wholeText();
        for (String secret : secrets) {
            if (text.contains(secret)) {
                return Optional.of("a platform secret");
            }
        }
        for (String marker : LEAK_MARKERS) {
            if (text.contains(marker)) {
                return Optional.of("'" + HostileRequests.abbreviate(marker) + "'");
            }
        }
        return answer.headerLines().stream()
                .map(line -> line.toLowerCase(java.util.Locale.ROOT))
                .filter(line -> line.startsWith("x-injected") || line.startsWith("set-cookie: hostile"))
                .findFirst()
                .map(line -> "injected header '" + line + "'");
    }

    private static void progressUntilDone(List<CompletableFuture<Void>> sent, Map<Category, Tally> tallies, int total)
            throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
        while (true) {
            try {
                all.get(10, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                long done = tallies.values().stream().mapToLong(Tally::count).sum();
                System.out.printf("  %,d of %,d hostile requests answered%n", done, total);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("A hostile request could not be sent", e.getCause());
            }
        }
    }

    /**
     * Polls each valid response's own endpoint with its report token (computed from the platform's secret when it is
     * known, so the receipt's token is checked too) until all are counted or the time is up; returns those not counted.
     */
    static List<UUID> awaitCounted(HttpClient http, PlatformUnderTest platform, List<Receipt> accepted, Duration atMost)
            throws InterruptedException {
        Set<Receipt> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(accepted);
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            List<CompletableFuture<Void>> checks = new ArrayList<>();
            for (Receipt receipt : List.copyOf(missing)) {
                String token = platform.reportTokenSecret()
                        .map(secret -> HostileRequests.tokenFor(receipt.responseId().toString(), secret))
                        .orElse(receipt.reportToken());
                HttpRequest request = HttpRequest.newBuilder(URI.create(platform.analyticsUrl() + "/api/responses/" + receipt.responseId()))
                        .timeout(PlatformClient.REQUEST_TIMEOUT).header("X-Report-Token", token).GET().build();
                checks.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .thenAccept(response -> {
                            if (response.statusCode() == 200) {
                                missing.remove(receipt);
                            }
                        })
                        .exceptionally(notAnsweredYet -> null));
                if (checks.size() >= 64) {
                    CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
                    checks.clear();
                }
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
            if (!missing.isEmpty()) {
                TimeUnit.SECONDS.sleep(1); // polling interval while analytics catches up
            }
        }
        return missing.stream().map(Receipt::responseId).sorted().toList();
    }

    /** 5xx answers each service has counted in its http.server.requests timer since it started. */
    static Map<Service, Long> serverErrors(HttpClient http, Map<Service, String> baseUrls) throws IOException, InterruptedException {
        Map<Service, Long> errors = new EnumMap<>(Service.class);
        for (Map.Entry<Service, String> service : baseUrls.entrySet()) {
            Matcher matcher = SERVER_ERRORS.matcher(prometheus(http, service.getValue()));
            long count = 0;
            while (matcher.find()) {
                count += (long) Double.parseDouble(matcher.group(1));
            }
            errors.put(service.getKey(), count);
        }
        return errors;
    }

    static String prometheus(HttpClient http, String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .timeout(PlatformClient.REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + baseUrl + "/actuator/prometheus answered " + response.statusCode());
        }
        return response.body();
    }

    /** Each service's health status, or what its health endpoint answered instead. */
    static Map<Service, String> health(HttpClient http, Map<Service, String> baseUrls) throws InterruptedException {
        Map<Service, String> health = new EnumMap<>(Service.class);
        for (Map.Entry<Service, String> service : baseUrls.entrySet()) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.getValue() + "/actuator/health"))
                        .timeout(PlatformClient.REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
                String status = response.statusCode() == 200 ? PlatformClient.JSON.readTree(response.body()).path("status").asString() : "";
                health.put(service.getKey(), status.isEmpty() ? "HTTP " + response.statusCode() : status);
            } catch (IOException e) {
                health.put(service.getKey(), "unreachable (" + e.getClass().getSimpleName() + ")");
            }
        }
        return health;
    }

    /** Valid submissions at a steady rate, each with its own Idempotency-Key, keeping the receipts of the 202s. */
    private static final class ValidLoad {

        private final HttpClient http;
        private final URI responses;
        private final List<byte[]> bodies;
        private final List<Receipt> receipts = new CopyOnWriteArrayList<>();
        private final Map<String, Long> outcomes = new ConcurrentHashMap<>();
        private final List<String> serverErrors = new CopyOnWriteArrayList<>();
        private final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("valid-load"));
        private int sent;

        ValidLoad(HttpClient http, String surveyUrl, List<byte[]> bodies) {
            this.http = http;
            this.responses = URI.create(surveyUrl + "/api/responses");
            this.bodies = bodies;
        }

        /** A few accepted responses before the hostile requests start, so forged tokens have real responses to aim at. */
        void seed(int count) {
            for (int i = 0; i < count; i++) {
                submit().join();
            }
        }

        void start(int perSecond) {
            ticker.scheduleAtFixedRate(this::submit, 0, TimeUnit.SECONDS.toNanos(1) / perSecond, TimeUnit.NANOSECONDS);
        }

        void stop() throws InterruptedException {
            ticker.shutdown();
            ticker.awaitTermination(10, TimeUnit.SECONDS);
            try {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(ANSWER_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                outcomes.merge("not finished when the run ended", 1L, Long::sum);
            }
        }

        private synchronized CompletableFuture<Void> submit() {
            UUID responseId = ResponseIds.TIME_ORDERED.next();
            HttpRequest request = HttpRequest.newBuilder(responses)
                    .timeout(ANSWER_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", responseId.toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(sent++ % bodies.size())))
                    .build();
            CompletableFuture<Void> answered = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> {
                        String outcome = error == null ? String.valueOf(response.statusCode()) : Load.failureName(error);
                        outcomes.merge(outcome, 1L, Long::sum);
                        if (error == null && response.statusCode() == 202) {
                            receipts.add(new Receipt(responseId, PlatformClient.JSON.readTree(response.body()).get("reportToken").asString()));
                        } else if (error == null && response.statusCode() >= 500) {
                            serverErrors.add("valid POST /api/responses → " + response.statusCode());
                        }
                        return null;
                    });
            pending.add(answered);
            return answered;
        }

        List<Receipt> receipts() {
            return List.copyOf(receipts);
        }

        Map<String, Long> outcomes() {
            return new TreeMap<>(outcomes);
        }

        List<String> serverErrors() {
            return List.copyOf(serverErrors);
        }
    }

    static ResultSection section(Report report, String platformDescription) {
        Settings settings = report.settings();
        ResultSection section = new ResultSection("Hostile input", settings.requests() >= DEFAULT_REQUESTS, platformDescription);
        section.paragraph(String.format("%,d hostile requests in %d categories against all four services, %d at a time (slow clients"
                        + " %d at a time on top), interleaved with valid submissions at %d/s (%,d sent); %.0f s in all. Requests are"
                        + " written byte for byte on plain sockets, one connection each; request i depends only on the seed (%d) and i."
                        + " Before the run, one read of each service's public data (the survey, the catalogue, the hotspots, the public"
                        + " workbook) warms the freshly started services."
                        + " The admin requests cover the %d admin operations the services' OpenAPI documents describe, plus the"
                        + " admin pages.",
                report.hostileRequests(), report.categories().size(), settings.concurrency(), SLOW_CLIENTS_AT_ONCE,
                settings.validRate(), report.validSent(), report.duration().toMillis() / 1000.0, settings.seed(),
                report.adminOperations()));
        List<List<String>> rows = new ArrayList<>();
        report.categories().forEach((category, tally) -> rows.add(List.of(category.title(), category.contents(),
                String.format("%,d", tally.count()), outcomes(tally.outcomes()), String.valueOf(tally.serverErrors().size()),
                String.valueOf(tally.accepted().size()))));
        rows.add(List.of("valid submissions", "realistic responses to the published catalogue, fresh Idempotency-Key each",
                String.format("%,d", report.validSent()), outcomes(report.validOutcomes()),
                String.valueOf(report.validServerErrors().size()), "–"));
        section.table(List.of("category", "what", "requests", "answers (status × count)", "5xx", "accepted though invalid"), rows);
        section.bullets("Checks", report.checks().stream()
                .map(check -> "**" + (check.passed() ? "pass" : "FAIL") + "**: " + check.name() + " — " + check.detail())
                .toList());
        if (!report.protocolRefusals().isEmpty()) {
            section.paragraph("Protocol refusals: " + report.protocolRefusals().size() + " requests with a method, transfer coding or"
                    + " HTTP version the server does not implement were answered 501 or 505 by Tomcat's HTTP parser, as RFC 9110 and"
                    + " RFC 9112 prescribe, before any service code ran (no service counted them): "
                    + report.protocolRefusals().stream().distinct().sorted().limit(LISTED_FINDINGS).map(refusal -> "`" + refusal.replace("`", "'") + "`")
                    .collect(Collectors.joining(", ")) + ".");
        }
        if (!report.findings().isEmpty()) {
            section.bullets("Findings", report.findings().stream().map(finding -> "`" + finding.replace("`", "'") + "`").toList());
        }
        section.paragraph("Events from invalid requests = growth of the end offsets of " + Topics.SURVEY_RESPONSES
                + " over the run minus the valid 202s; a valid response is counted once analytics answers its own"
                + " `GET /api/responses/{id}` with the report token. Server-side 5xx are the `http.server.requests` counts with"
                + " a 5xx status on each service's /actuator/prometheus, before and after; \"abandoned by the client\" marks"
                + " slow clients that close half-way on purpose. A 2xx is expected only where a request adds odd headers to a"
                + " public read or a slow client finishes one; any other 2xx counts as accepted though invalid.");
        return section;
    }

    static String outcomes(Map<String, Long> outcomes) {
        if (outcomes.isEmpty()) {
            return "–";
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        outcomes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered.entrySet().stream().map(entry -> entry.getKey() + " × " + String.format("%,d", entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
