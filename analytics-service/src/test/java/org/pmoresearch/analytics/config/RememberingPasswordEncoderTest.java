package org.pmoresearch.analytics.config;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RememberingPasswordEncoderTest {

    private final CountingEncoder bcrypt = new CountingEncoder(new BCryptPasswordEncoder(4));
    private final MutableClock clock = new MutableClock();
    private final RememberingPasswordEncoder encoder =
            new RememberingPasswordEncoder(bcrypt, Duration.ofMinutes(2), 3, clock);
    private final String hash = bcrypt.encode("correct horse");

    @Test
    void aVerifiedPasswordIsHashedOnceWhileItIsRemembered() {
        assertThat(encoder.matches("correct horse", hash)).isTrue();
        assertThat(encoder.matches("correct horse", hash)).isTrue();
        clock.advance(Duration.ofSeconds(119));
        assertThat(encoder.matches("correct horse", hash)).isTrue();

        assertThat(bcrypt.matchCalls.get()).isEqualTo(1);
    }

    @Test
    void afterItExpiresThePasswordIsHashedAgain() {
        encoder.matches("correct horse", hash);
        clock.advance(Duration.ofMinutes(2));

        assertThat(encoder.matches("correct horse", hash)).isTrue();
        assertThat(bcrypt.matchCalls.get()).isEqualTo(2);
    }

    @Test
    void aWrongPasswordIsHashedEveryTimeAndNeverRemembered() {
        encoder.matches("correct horse", hash);

        for (int i = 0; i < 3; i++) {
            assertThat(encoder.matches("correct horse ", hash)).isFalse();
            assertThat(encoder.matches("Correct horse", hash)).isFalse();
        }
        assertThat(bcrypt.matchCalls.get()).isEqualTo(7);
    }

    @Test
    void aRememberedPasswordAnswersOnlyForTheHashItMatched() {
        String otherHash = bcrypt.encode("battery staple");
        encoder.matches("correct horse", hash);

        assertThat(encoder.matches("correct horse", otherHash)).isFalse();
        assertThat(encoder.matches("battery staple", hash)).isFalse();
        assertThat(encoder.matches("battery staple", otherHash)).isTrue();
        assertThat(bcrypt.matchCalls.get()).isEqualTo(4);
    }

    @Test
    void whenFullItRemembersNoMoreUntilEntriesExpire() {
        String[] passwords = {"one", "two", "three", "four"};
        String[] hashes = new String[passwords.length];
        for (int i = 0; i < passwords.length; i++) {
            hashes[i] = bcrypt.encode(passwords[i]);
            assertThat(encoder.matches(passwords[i], hashes[i])).isTrue();
        }
        assertThat(encoder.matches("four", hashes[3])).isTrue();
        assertThat(bcrypt.matchCalls.get()).as("the fourth was not remembered").isEqualTo(5);

        clock.advance(Duration.ofMinutes(3));
        encoder.matches("four", hashes[3]);
        encoder.matches("four", hashes[3]);
        assertThat(bcrypt.matchCalls.get()).as("expired entries made room").isEqualTo(6);
    }

    @Test
    void nullsAndEncodingAreTheDelegatesAnswers() {
        assertThat(encoder.matches(null, hash)).isFalse();
        assertThat(encoder.matches("correct horse", null)).isFalse();
        assertThat(new BCryptPasswordEncoder().matches("x", encoder.encode("x"))).isTrue();
    }

    private static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder delegate;
        private final AtomicInteger matchCalls = new AtomicInteger();

        CountingEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return delegate.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            matchCalls.incrementAndGet();
            return rawPassword != null && encodedPassword != null && delegate.matches(rawPassword, encodedPassword);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
