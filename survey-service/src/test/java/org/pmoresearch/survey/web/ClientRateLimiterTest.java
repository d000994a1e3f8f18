package org.pmoresearch.survey.web;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.assertj.core.api.Assertions.assertThat;

/** The default limits (a burst of 100, 600 a minute) on a clock the test moves. */
class ClientRateLimiterTest {

    private static final int BURST = 100;
    private static final int PER_MINUTE = 600;
    private static final String VENUE = "198.51.100.1";

    private final ManualTime time = new ManualTime();
    private final ClientRateLimiter limiter = new ClientRateLimiter(BURST, PER_MINUTE, 1000, time);

    @Test
    void aBurstIsAllowedAndTheNextRequestIsToldWhenToComeBack() {
        for (int i = 0; i < BURST; i++) {
            assertThat(limiter.tryAcquire(VENUE).allowed()).isTrue();
        }

        ClientRateLimiter.Decision refused = limiter.tryAcquire(VENUE);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100));
        time.advance(refused.retryAfter());
        assertThat(limiter.tryAcquire(VENUE).allowed()).isTrue();
    }

    @Test
    void eachAddressHasItsOwnBucket() {
        for (int i = 0; i <= BURST; i++) {
            limiter.tryAcquire(VENUE);
        }

        assertThat(limiter.tryAcquire(VENUE).allowed()).isFalse();
        assertThat(limiter.tryAcquire("198.51.100.2").allowed()).isTrue();
    }

    @Test
    void aRoomOf300BehindOneAddressAllGetInWithinAMinuteEvenIfTheyAllPressSubmitInTheSameSecond() {
        Deque<Duration> waiting = new ArrayDeque<>();
        long acceptedAtFirstTry = 0;
        for (int person = 0; person < 300; person++) {
            ClientRateLimiter.Decision decision = limiter.tryAcquire(VENUE);
            if (decision.allowed()) {
                acceptedAtFirstTry++;
            }
            else {
                waiting.add(decision.retryAfter());
            }
        }
        // Everyone refused comes back after Retry-After (rounded up to whole seconds, as the header says) and retries.
        Duration elapsed = Duration.ZERO;
        int accepted = (int) acceptedAtFirstTry;
        while (!waiting.isEmpty() && elapsed.compareTo(Duration.ofMinutes(1)) < 0) {
            elapsed = elapsed.plusSeconds(1);
            time.advance(Duration.ofSeconds(1));
            int retrying = waiting.size();
            for (int i = 0; i < retrying; i++) {
                waiting.poll();
                ClientRateLimiter.Decision decision = limiter.tryAcquire(VENUE);
                if (decision.allowed()) {
                    accepted++;
                }
                else {
                    waiting.add(decision.retryAfter());
                }
            }
        }

        assertThat(acceptedAtFirstTry).isEqualTo(BURST);
        assertThat(accepted).isEqualTo(300);
        assertThat(elapsed).isLessThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aScriptFloodingFromOneAddressGetsAtMost700ThroughInItsFirstMinute() {
        int allowed = 0;
        for (int tick = 0; tick < 60_000; tick++) {
            // A thousand requests a second, one each millisecond.
            if (limiter.tryAcquire("203.0.113.66").allowed()) {
                allowed++;
            }
            time.advance(Duration.ofMillis(1));
        }

        assertThat(allowed).isBetween(BURST + PER_MINUTE - 1, BURST + PER_MINUTE);
    }

    @Test
    void idleAddressesAreForgottenOnceTheirBucketIsFullAgain() {
        limiter.tryAcquire("198.51.100.2");
        limiter.tryAcquire("198.51.100.3");
        assertThat(limiter.trackedClients()).isEqualTo(2);

        time.advance(Duration.ofSeconds(11));
        limiter.tryAcquire("198.51.100.4");

        assertThat(limiter.trackedClients()).isEqualTo(1);
    }

    @Test
    void beyondTheTrackingBoundNewAddressesShareOneBucket() {
        ClientRateLimiter bounded = new ClientRateLimiter(2, 60, 3, time);
        for (int i = 0; i < 3; i++) {
            bounded.tryAcquire("198.51.100." + i);
        }

        assertThat(bounded.tryAcquire("203.0.113.1").allowed()).isTrue();
        assertThat(bounded.tryAcquire("203.0.113.2").allowed()).isTrue();
        assertThat(bounded.tryAcquire("203.0.113.3").allowed()).as("the shared bucket is empty").isFalse();
        assertThat(bounded.trackedClients()).isEqualTo(3);
    }

    private static final class ManualTime implements TimeMeter {

        private long nanos = 1_000_000_000L;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
