package org.pmoresearch.analytics.messaging;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads an instant in the form survey-service writes, {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with one to nine digits of
 * fraction, without the general formatter: {@link Instant#parse} took a twentieth of a rebuild's reading. Any other
 * form (a leap second, a longer year, an offset) goes to {@link Instant#parse}, so every text reads as it reads there.
 */
final class UtcInstants {

    private static final int SECONDS_END = "yyyy-MM-ddTHH:mm:ss".length();
    private static final int MAX_FRACTION_DIGITS = 9;

    private UtcInstants() {
    }

    /** @throws java.time.DateTimeException as {@link Instant#parse} throws it, for a text that is not an instant */
    static Instant parse(String text) {
        int fractionDigits = fractionDigits(text);
        if (fractionDigits < 0) {
            return Instant.parse(text);
        }
        int hour = twoDigits(text, 11);
        int minute = twoDigits(text, 14);
        int second = twoDigits(text, 17);
        if (hour > 23 || minute > 59 || second > 59) {
            return Instant.parse(text);
        }
        long days = LocalDate.of(fourDigits(text), twoDigits(text, 5), twoDigits(text, 8)).toEpochDay();
        int nanos = 0;
        for (int i = 0; i < MAX_FRACTION_DIGITS; i++) {
            nanos = nanos * 10 + (i < fractionDigits ? text.charAt(SECONDS_END + 1 + i) - '0' : 0);
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** @return the digits of the fraction (0 for none) when the text has the form this reads, else -1 */
    private static int fractionDigits(String text) {
        int length = text.length();
        if (length < SECONDS_END + 1 || text.charAt(length - 1) != 'Z') {
            return -1;
        }
        for (int i = 0; i < SECONDS_END; i++) {
            char c = text.charAt(i);
            boolean expected = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                default -> c >= '0' && c <= '9';
            };
            if (!expected) {
                return -1;
            }
        }
        if (length == SECONDS_END + 1) {
            return 0;
        }
        int digits = length - SECONDS_END - 2;
        if (text.charAt(SECONDS_END) != '.' || digits < 1 || digits > MAX_FRACTION_DIGITS) {
            return -1;
        }
        for (int i = SECONDS_END + 1; i < length - 1; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return digits;
    }

    private static int twoDigits(String text, int at) {
        return (text.charAt(at) - '0') * 10 + text.charAt(at + 1) - '0';
    }

    private static int fourDigits(String text) {
        return twoDigits(text, 0) * 100 + twoDigits(text, 2);
    }
}
