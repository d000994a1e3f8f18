package org.pmoresearch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady stream of survey submissions at a constant rate, each tried exactly once (no retry, so that an
 * answer is final), with every outcome written to a log file as it arrives: {@code <instant> <responseId>
 * <outcome>}, the outcome being the HTTP status or, without an answer, the failure. The Idempotency-Key of a
 * submission is its responseId, which is how survey-service names the response.
 */
final class SteadySubmissions implements AutoCloseable {

    /** survey-service's problem type for a record Kafka did not confirm in time. */
    static final String UNCONFIRMED_PROBLEM_TYPE = "urn:pmoresearch:problem:broker-unavailable";

    /** How one submission ended. */
    enum Fate {
        /** 202: survey-service acknowledged it, so it must be counted exactly once. */
        ACKNOWLEDGED,
        /** Any other HTTP answer, or the connection refused before anything was sent: never counted. */
        REJECTED,
        /**
         * Sent, but whether it was recorded is unknown: no answer (timeout, connection reset), or a 503
         * {@code broker-unavailable}, which says Kafka did not confirm the record in time (it may have written it all
         * the same). Counted once or not at all, never twice.
         */
        UNCONFIRMED,
        /** Not answered yet. */
        PENDING
    }

    /** One submission: what it selected, and how it ended. */
    static final class Submission {
        private final ResponseGenerator.Submission content;
        private volatile Fate fate = Fate.PENDING;
        private volatile String outcome = "";

        Submission(ResponseGenerator.Submission content) {
            this.content = content;
        }

        ResponseGenerator.Submission content() {
            return content;
        }

        Fate fate() {
            return fate;
        }

        String outcome() {
            return outcome;
        }
    }

    private static final int MAX_IN_FLIGHT = 512;

    private final HttpClient http;
    private final String submitUrl;
    private final ResponseGenerator generator;
    private final List<ResponseGenerator.Submission> pool;
    private final double rate;
    private final BufferedWriter log;
    private final Map<UUID, Submission> submissions = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong notSent = new AtomicLong();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Thread driver;
    private volatile boolean running = true;

    private SteadySubmissions(HttpClient http, String surveyUrl, ResponseGenerator generator, double rate, Path logFile)
            throws IOException {
        this.http = http;
        this.submitUrl = surveyUrl + "/api/responses";
        this.generator = generator;
        this.pool = java.util.stream.Stream.generate(generator::next).limit(500).toList();
        this.rate = rate;
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        this.driver = new Thread(this::drive, "steady-submissions");
        this.driver.setDaemon(true);
    }

    /** Starts submitting at {@code rate} per second until {@link #stop()}. */
    static SteadySubmissions start(HttpClient http, String surveyUrl, ResponseGenerator generator, double rate, Path logFile)
            throws IOException {
        SteadySubmissions load = new SteadySubmissions(http, surveyUrl, generator, rate, logFile);
        load.driver.start();
        return load;
    }

    private void drive() {
        long start = System.nanoTime();
        for (long i = 0; running; i++) {
            long due = start + (long) (i * (1e9 / rate));
            long wait;
            while (running && (wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!running) {
                return;
            }
            if (!inFlight.tryAcquire()) {
                notSent.incrementAndGet();
                continue;
            }
            submit(pool.get((int) (i % pool.size())));
        }
    }

    private void submit(ResponseGenerator.Submission content) {
        UUID responseId = ResponseIds.TIME_ORDERED.next();
        Submission submission = new Submission(content);
        submissions.put(responseId, submission);
        HttpRequest request = HttpRequest.newBuilder(URI.create(submitUrl))
                .timeout(PlatformClient.REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", responseId.toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(generator.requestBody(content)))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            try {
                if (error == null) {
                    settle(responseId, submission, fateOf(response), String.valueOf(response.statusCode()));
                } else {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    // Refused means nothing reached the service; anything else may have been received before it failed.
                    settle(responseId, submission, cause instanceof ConnectException ? Fate.REJECTED : Fate.UNCONFIRMED,
                            cause.getClass().getSimpleName());
                }
            } finally {
                inFlight.release();
            }
        });
    }

    private static Fate fateOf(HttpResponse<String> response) {
        if (response.statusCode() == 202) {
            return Fate.ACKNOWLEDGED;
        }
        boolean unconfirmed = response.statusCode() == 503 && response.body() != null
                && response.body().contains(UNCONFIRMED_PROBLEM_TYPE);
        return unconfirmed ? Fate.UNCONFIRMED : Fate.REJECTED;
    }

    private void settle(UUID responseId, Submission submission, Fate fate, String outcome) {
        submission.outcome = outcome;
        submission.fate = fate;
        if (fate == Fate.ACKNOWLEDGED) {
            acknowledged.incrementAndGet();
        }
        synchronized (log) {
            try {
                log.write(Instant.now() + " " + responseId + " " + outcome);
                log.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** 202s received so far. */
    long acknowledged() {
        return acknowledged.get();
    }

    /** Submissions skipped because {@value #MAX_IN_FLIGHT} were already waiting for an answer. */
    long notSent() {
        return notSent.get();
    }

    /** Stops submitting, waits (bounded) for the answers still outstanding, and flushes the log. */
    void stop() throws InterruptedException {
        running = false;
        driver.join(TimeUnit.SECONDS.toMillis(5));
        inFlight.tryAcquire(MAX_IN_FLIGHT, PlatformClient.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        synchronized (log) {
            try {
                log.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every submission by responseId; complete once {@link #stop()} returned. */
    Map<UUID, Submission> submissions() {
        return Map.copyOf(submissions);
    }

    @Override
    public void close() throws IOException {
        running = false;
        synchronized (log) {
            log.close();
        }
    }
}
