package org.pmoresearch.analytics.messaging;

/**
 * One record of a consumed batch, with the metadata the counting needs.
 * @param key the raw record key (the responseId), null when absent
 * @param eventType the {@code EventHeaders.EVENT_TYPE} header, null when absent
 * @param value the raw record value, null for a record without one
 */
record ResponseRecord(String topic, int partition, long offset, byte[] key, String eventType, byte[] value) {

    String origin() {
        return topic + "-" + partition + "@" + offset;
    }
}
