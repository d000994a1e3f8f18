package org.pmoresearch.analytics.store;

import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One document per responseId, with the position of the record that first carried it. */
@Document(ResponseFactDocument.COLLECTION)
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

    static final String COLLECTION = "response_facts";
}
