package org.pmoresearch.analytics.domain;

/** What applying one response event did to the counts. */
public enum CountingOutcome {
    /** A new response entered the counts. */
    COUNTED,
    /** The responseId was already known from another record: nothing changed. */
    DUPLICATE,
    /** A counted response left the counts. */
    WITHDRAWN,
    /** A withdrawal of an unknown or already withdrawn response: nothing changed. */
    IGNORED
}
