package org.pmoresearch.analytics.messaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UtcInstantsTest {

    @Test
    void readsWhatInstantParseReadsForInstantsAsTheyArePrinted() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L, 253_402_300_799L); // years 0000 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertThat(UtcInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-07T23:12:11Z", "2026-12-07T23:12:11.1Z", "2026-12-07T23:12:11.12Z",
            "2026-12-07T23:12:11.1234Z", "2026-12-07T23:12:11.12345678Z", "2026-12-07T23:12:11.000000001Z",
            "2024-02-29T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            // forms read by the general parser
            "2026-12-31T23:59:60Z", "2026-12-07T24:00:00Z", "2026-12-07T23:12:11z", "+12026-12-07T23:12:11Z",
            "2026-12-07T23:12:11.Z"})
    void readsEveryFractionLengthAndLeavesOtherFormsToInstantParse(String text) {
        assertThat(UtcInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z", "2026-12-00T00:00:00Z", "2026-12-07T24:00:01Z", "2026-12-07T23:60:00Z",
            "2026-12-07T23:12:61Z", "2026-12-07T23:12:11.1234567890Z", "2026-12-07T23:12:11.1a3Z", "2026-12-07 23:12:11Z",
            "2026-12-07T23:12Z", "26-12-07T23:12:11Z", "2026-1-07T23:12:11Z", "Z"})
    void refusesWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> UtcInstants.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
