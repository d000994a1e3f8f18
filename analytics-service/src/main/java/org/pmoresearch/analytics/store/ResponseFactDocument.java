package org.pmoresearch.analytics.store;

import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One document per responseId (per generation), with the position of the record that first carried it.
 * A tombstone (a withdrawal seen before its submission) has no selections.
 */
record ResponseFactDocument(
        @Id String id,
        int partition,
        long offset,
        int catalogueVersion,
        Instant submittedAt,
        RespondentProfile profile,
        Map<String, List<String>> selections,
        boolean withdrawn,
        Long withdrawnOffset) {

    static final String WITHDRAWN = "withdrawn";
    static final String CATALOGUE_VERSION = "catalogueVersion";
    static final String PROFILE = "profile";
}
