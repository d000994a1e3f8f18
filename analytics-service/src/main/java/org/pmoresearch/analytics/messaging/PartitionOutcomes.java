package org.pmoresearch.analytics.messaging;

import org.pmoresearch.analytics.domain.CountingOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What one batch did to one partition, held back until its counts are stored. */
final class PartitionOutcomes {

    private int counted;
    private int duplicates;
    private int withdrawn;
    private final List<Instant> countedSubmissionTimes = new ArrayList<>();

    void add(CountingOutcome outcome, Instant submittedAt) {
        switch (outcome) {
            case COUNTED -> {
                counted++;
                if (submittedAt != null) {
                    countedSubmissionTimes.add(submittedAt);
                }
            }
            case DUPLICATE -> duplicates++;
            case WITHDRAWN -> withdrawn++;
            case IGNORED -> {
                // a withdrawal of an unknown or already withdrawn response changes no count
            }
        }
    }

    int counted() {
        return counted;
    }

    int duplicates() {
        return duplicates;
    }

    int withdrawn() {
        return withdrawn;
    }

    List<Instant> countedSubmissionTimes() {
        return countedSubmissionTimes;
    }
}
