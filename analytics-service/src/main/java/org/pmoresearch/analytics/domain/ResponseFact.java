package org.pmoresearch.analytics.domain;

import org.pmoresearch.contracts.RespondentProfile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One accepted response, as first carried by the record at {@code position}. Its existence is what
 * makes a later submission with the same responseId a duplicate. A tombstone (no selections) records a
 * withdrawal that arrived before its submission, so that the submission never enters the counts.
 */
public record ResponseFact(
        String responseId,
        RecordPosition position,
        int catalogueVersion,
        Instant submittedAt,
        RespondentProfile profile,
        Map<String, List<String>> selections,
        boolean withdrawn,
        Long withdrawnOffset) {

    public static ResponseFact submitted(String responseId, RecordPosition position, int catalogueVersion,
            Instant submittedAt, RespondentProfile profile, Map<String, List<String>> selections) {
        return new ResponseFact(responseId, position, catalogueVersion, submittedAt, profile, selections, false, null);
    }

    /** A withdrawal at {@code position} of a response not seen yet (a submission replayed from the DLQ later). */
    public static ResponseFact tombstone(String responseId, RecordPosition position) {
        return new ResponseFact(responseId, position, 0, null, null, null, true, position.offset());
    }

    public boolean isTombstone() {
        return selections == null;
    }

    boolean wasWithdrawnAt(long offset) {
        return withdrawn && withdrawnOffset != null && withdrawnOffset == offset;
    }
}
