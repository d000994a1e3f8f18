package org.pmoresearch.bench;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The responseIds (Idempotency-Keys) the load generators send. By default they are made as the survey page makes
 * them: version-7 UUIDs, the time in milliseconds followed by random bits, so ids made one after another sort one
 * after another. {@code --response-ids=random} sends version-4 UUIDs instead, as a client that picks its ids at
 * random does, to measure what the order of the ids costs the stores.
 */
enum ResponseIds {

    TIME_ORDERED {
        @Override
        UUID next() {
            return timeOrdered(System.currentTimeMillis());
        }
    },
    RANDOM {
        @Override
        UUID next() {
            return random();
        }
    };

    static final String OPTION = "response-ids";

    abstract UUID next();

    /** The option's value: {@code time-ordered} or {@code random}. */
    String optionValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static ResponseIds of(BenchArgs options) {
        String value = options.string(OPTION, TIME_ORDERED.optionValue());
        for (ResponseIds kind : values()) {
            if (kind.optionValue().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--" + OPTION + " must be time-ordered or random, got '" + value + "'");
    }

    /** A version-7 UUID (RFC 9562): 48 bits of milliseconds since the epoch, the version, 74 random bits. */
    static UUID timeOrdered(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    /** A version-4 UUID from a fast, unseeded generator: unique per run without SecureRandom's cost. */
    static UUID random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
