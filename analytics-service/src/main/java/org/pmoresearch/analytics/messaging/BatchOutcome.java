package org.pmoresearch.analytics.messaging;

/** What became of one partition's share of a batch. */
enum BatchOutcome {

    /** Applied and stored, or it held nothing the partition's counts did not already hold. */
    APPLIED,

    /** Another consumer stored the partition first: this batch's work on it was dropped. */
    TAKEN_OVER,

    /**
     * Its first new record is not the one right after the partition's stored offset, so the records in between
     * were never delivered: nothing was applied, and the partition must be read again from its stored offset.
     */
    RECORDS_MISSING
}
