package org.pmoresearch.survey.messaging;

/** Kafka did not acknowledge an event in time: the request that caused it must not report success. */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
