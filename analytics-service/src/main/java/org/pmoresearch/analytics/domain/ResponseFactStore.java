package org.pmoresearch.analytics.domain;

import java.util.Optional;

/** The response facts, each written with a single-document atomic operation. */
public interface ResponseFactStore {

    /** Inserts the fact unless one exists for its responseId; returns the existing one if so. */
    Optional<ResponseFact> insertOrFindExisting(ResponseFact fact);

    /**
     * Marks the response withdrawn at {@code offset} if it exists and is not withdrawn yet.
     * @return the fact as it was before this call, when this call withdrew it
     */
    Optional<ResponseFact> withdraw(String responseId, long offset);

    Optional<ResponseFact> find(String responseId);
}
