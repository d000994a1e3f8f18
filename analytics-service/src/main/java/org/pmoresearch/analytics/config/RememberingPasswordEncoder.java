package org.pmoresearch.analytics.config;

import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A password encoder that remembers, for a short while, the passwords it has just found to match, so that a
 * client sending the same HTTP Basic credentials on every request (export-service reading an admin export page
 * by page, on the administrator's behalf) pays the deliberately slow hash once, not on every page.
 *
 * <p>Only matches are remembered, and only as a SHA-256 digest of the stored hash and the password together, so
 * a wrong password always costs the full hash (guessing is as slow as before), a remembered entry answers only
 * for the same password against the same stored hash, and no password is kept. Entries expire after
 * {@code remembered}; at most {@code capacity} are kept, and when it is full a new match is simply not remembered.
 */
final class RememberingPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Duration remembered;
    private final int capacity;
    private final Clock clock;
    private final Map<String, Instant> matchedUntil = new ConcurrentHashMap<>();

    RememberingPasswordEncoder(PasswordEncoder delegate, Duration remembered, int capacity, Clock clock) {
        this.delegate = delegate;
        this.remembered = remembered;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String key = digest(rawPassword, encodedPassword);
        Instant now = clock.instant();
        Instant until = matchedUntil.get(key);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            remember(key, now);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private void remember(String key, Instant now) {
        if (matchedUntil.size() >= capacity) {
            matchedUntil.values().removeIf(until -> !now.isBefore(until));
        }
        if (matchedUntil.size() < capacity) {
            matchedUntil.put(key, now.plus(remembered));
        }
    }

    private static String digest(CharSequence rawPassword, String encodedPassword) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
