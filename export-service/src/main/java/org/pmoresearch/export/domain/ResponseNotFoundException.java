package org.pmoresearch.export.domain;

/**
 * Analytics has not counted the response (yet): a fresh submission usually shows up within seconds.
 *
 * @see #retryAfter()
 */
public class ResponseNotFoundException extends RuntimeException {

    private final String retryAfter;

    /** @param retryAfter analytics' Retry-After value, passed on to the client; null when analytics sent none */
    public ResponseNotFoundException(String retryAfter) {
        super("This response has not been counted yet; it usually is within seconds of submission.");
        this.retryAfter = retryAfter;
    }

    public String retryAfter() {
        return retryAfter;
    }
}
