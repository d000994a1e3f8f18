package org.pmoresearch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Drives asynchronous operations (an HTTP submission, a Kafka send) and records when each was due, when it
 * finished and how. Two shapes:
 * <ul>
 *   <li>{@link #atConstantRate}: an open model. Operation i is due at start + i / rate whatever happened to
 *   the ones before it, and its latency runs from that intended time, not from when it could finally be sent,
 *   so a slow system shows its queueing in the percentiles instead of quietly lowering the offered load
 *   (coordinated omission). At most {@code maxInFlight} operations are outstanding; a due operation waits for
 *   a free slot, and that wait counts in its latency.</li>
 *   <li>{@link #saturating}: a closed model, {@code concurrency} operations back to back, for the most the
 *   system can take.</li>
 * </ul>
 * Both are bounded in count and in time (duration + answer timeout).
 */
final class Load {

    static final String NO_ANSWER = "no answer";

    /** One finished operation; {@code outcome} is the success label, an HTTP status, or the failure's class. */
    record Completion(long intendedNanos, long completedNanos, String outcome) {

        long latencyNanos() {
            return completedNanos - intendedNanos;
        }
    }

    /**
     * @param offeredRate operations per second asked for; 0 for a saturating run
     * @param notSent     operations never sent because the generator fell more than the answer timeout behind
     */
    record Result(double offeredRate, Duration duration, long startNanos, int notSent, long maxSendLagNanos,
                  String successOutcome, List<Completion> completions) {

        long succeeded() {
            return completions.stream().filter(completion -> completion.outcome().equals(successOutcome)).count();
        }

        /** Every outcome other than success, with its count. */
        Map<String, Long> failures() {
            Map<String, Long> failures = new TreeMap<>();
            completions.stream()
                    .filter(completion -> !completion.outcome().equals(successOutcome))
                    .forEach(completion -> failures.merge(completion.outcome(), 1L, Long::sum));
            if (notSent > 0) {
                failures.put("not sent (generator too far behind)", (long) notSent);
            }
            return failures;
        }

        long failed() {
            return failures().values().stream().mapToLong(Long::longValue).sum();
        }

        /** Successes per second over the planned duration, or longer if the last answer came later. */
        double succeededPerSecond() {
            long lastAnswer = completions.stream().mapToLong(Completion::completedNanos).max().orElse(startNanos);
            double seconds = Math.max(duration.toNanos(), lastAnswer - startNanos) / 1e9;
            return succeeded() / seconds;
        }

        /** Latency of every operation that was sent, successful or not. */
        Stats latency() {
            return Stats.of(completions.stream().mapToLong(Completion::latencyNanos).toArray());
        }
    }

    private Load() {
    }

    static Result atConstantRate(double rate, Duration duration, int maxInFlight, Duration answerTimeout, String successOutcome,
                                 IntFunction<CompletableFuture<?>> operation) throws InterruptedException {
        int planned = (int) Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        Recorder recorder = new Recorder(maxInFlight);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long sendDeadline = start + duration.toNanos() + answerTimeout.toNanos();
        long maxSendLag = 0;
        int sent = 0;
        for (int i = 0; i < planned; i++) {
            long intended = intendedNanos(start, rate, i);
            parkUntil(intended);
            if (!recorder.awaitSlot(sendDeadline)) {
                break;
            }
            maxSendLag = Math.max(maxSendLag, System.nanoTime() - intended);
            recorder.begin(i, intended, operation);
            sent++;
        }
        List<Completion> completions = recorder.finish(answerTimeout);
        return new Result(rate, duration, start, planned - sent, maxSendLag, successOutcome, completions);
    }

    /** When operation i of a constant-rate run that started at {@code startNanos} was due. */
    static long intendedNanos(long startNanos, double rate, int i) {
        return startNanos + (long) (i * (1e9 / rate));
    }

    static Result saturating(int concurrency, Duration duration, Duration answerTimeout, String successOutcome,
                             IntFunction<CompletableFuture<?>> operation) throws InterruptedException {
        Recorder recorder = new Recorder(concurrency);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            if (!recorder.awaitSlot(end)) {
                break;
            }
            recorder.begin(i, System.nanoTime(), operation);
        }
        return new Result(0, duration, start, 0, 0, successOutcome, recorder.finish(answerTimeout));
    }

    /** Outstanding operations, bounded by a number of slots, and the record of finished ones. */
    private static final class Recorder {

        private final int slotCount;
        private final Semaphore slots;
        private final Map<Integer, Long> outstanding = new ConcurrentHashMap<>();
        private final List<Completion> completions = new ArrayList<>();
        private boolean closed;

        Recorder(int slotCount) {
            this.slotCount = slotCount;
            this.slots = new Semaphore(slotCount);
        }

        boolean awaitSlot(long deadlineNanos) throws InterruptedException {
            long remaining = deadlineNanos - System.nanoTime();
            return remaining > 0 && slots.tryAcquire(remaining, TimeUnit.NANOSECONDS);
        }

        void begin(int index, long intendedNanos, IntFunction<CompletableFuture<?>> operation) {
            outstanding.put(index, intendedNanos);
            CompletableFuture<?> pending;
            try {
                pending = operation.apply(index);
            } catch (RuntimeException e) {
                pending = CompletableFuture.failedFuture(e);
            }
            pending.whenComplete((value, error) -> {
                long done = System.nanoTime();
                String outcome = error == null ? String.valueOf(value) : failureName(error);
                synchronized (this) {
                    if (!closed && outstanding.remove(index) != null) {
                        completions.add(new Completion(intendedNanos, done, outcome));
                    }
                }
                slots.release();
            });
        }

        /** Waits for outstanding answers (bounded); any still missing then are recorded as {@link #NO_ANSWER}. */
        List<Completion> finish(Duration answerTimeout) throws InterruptedException {
            slots.tryAcquire(slotCount, answerTimeout.toNanos() + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
            synchronized (this) {
                closed = true;
                long now = System.nanoTime();
                outstanding.values().forEach(intended -> completions.add(new Completion(intended, now, NO_ANSWER)));
                return List.copyOf(completions);
            }
        }
    }

    private static void parkUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    static String failureName(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
