package org.pmoresearch.survey.web;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Bucket4j token bucket per client key, held only in this map in memory.
 * <p>
 * Memory stays bounded two ways. A bucket that has been idle long enough to fill up again is
 * indistinguishable from a new one, so such buckets are dropped in a sweep that runs at most once
 * per refill period, on whichever request comes due. And at most {@code maxTrackedClients} keys get a
 * bucket of their own: beyond that, new keys share one overflow bucket, so a flood that rotates
 * through addresses throttles itself instead of growing the map.
 */
final class ClientRateLimiter {

    /** @param retryAfter when the client's bucket has a token again; zero when allowed */
    record Decision(boolean allowed, Duration retryAfter) {

        private static final Decision ALLOWED = new Decision(true, Duration.ZERO);
    }

    private final int burst;
    private final int perMinute;
    private final int maxTrackedClients;
    private final TimeMeter time;
    private final long sweepIntervalNanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;
    private final AtomicLong nextSweepNanos;

    ClientRateLimiter(int burst, int perMinute, int maxTrackedClients, TimeMeter time) {
        this.burst = burst;
        this.perMinute = perMinute;
        this.maxTrackedClients = maxTrackedClients;
        this.time = time;
        this.sweepIntervalNanos = Math.max(TimeUnit.SECONDS.toNanos(1), TimeUnit.MINUTES.toNanos(1) * burst / perMinute);
        this.overflow = newBucket();
        this.nextSweepNanos = new AtomicLong(time.currentTimeNanos() + sweepIntervalNanos);
    }

    Decision tryAcquire(String clientKey) {
        sweepIfDue();
        Bucket bucket = buckets.get(clientKey);
        if (bucket == null) {
            bucket = buckets.size() < maxTrackedClients ? buckets.computeIfAbsent(clientKey, key -> newBucket()) : overflow;
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Decision.ALLOWED : new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    int trackedClients() {
        return buckets.size();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    private void sweepIfDue() {
        long now = time.currentTimeNanos();
        long due = nextSweepNanos.get();
        if (now - due >= 0 && nextSweepNanos.compareAndSet(due, now + sweepIntervalNanos)) {
            // A request holding a bucket removed here spends its token on the orphan: at worst one extra request.
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= burst);
        }
    }
}
