package org.pmoresearch.analytics.domain;

/** Where a record sits in the responses topic. */
public record RecordPosition(int partition, long offset) {
}
