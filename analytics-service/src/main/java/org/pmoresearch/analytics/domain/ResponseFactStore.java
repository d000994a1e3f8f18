package org.pmoresearch.analytics.domain;

import java.util.List;
import java.util.Optional;

/** The response facts, each written with a single-document atomic operation. */
public interface ResponseFactStore {

    /** Inserts the fact unless one exists for its responseId; returns the existing one if so. */
    Optional<ResponseFact> insertOrFindExisting(ResponseFact fact);

    /**
     * Like {@link #insertOrFindExisting} for each fact in turn, in one round trip for the whole list: a fact
     * whose responseId an earlier fact of the list carries finds that earlier one, as it would have one by one.
     * @return for each fact, in order: the fact stored under its responseId before it, or empty when it was inserted
     */
    List<Optional<ResponseFact>> insertAllOrFindExisting(List<ResponseFact> facts);

    /**
     * Marks the response withdrawn at {@code offset} if it exists and is not withdrawn yet.
     * @return the fact as it was before this call, when this call withdrew it
     */
    Optional<ResponseFact> withdraw(String responseId, long offset);

    Optional<ResponseFact> find(String responseId);
}
