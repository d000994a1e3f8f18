package org.pmoresearch.catalogue.domain;

/** A write named a draft revision that is no longer the current one: someone else changed the draft. */
public class StaleDraftException extends RuntimeException {

    private final long expectedRevision;
    private final long currentRevision;

    public StaleDraftException(long expectedRevision, long currentRevision) {
        super("The draft is at revision " + currentRevision + ", not " + expectedRevision);
        this.expectedRevision = expectedRevision;
        this.currentRevision = currentRevision;
    }

    public long expectedRevision() {
        return expectedRevision;
    }

    public long currentRevision() {
        return currentRevision;
    }
}
