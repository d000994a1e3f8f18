package org.pmoresearch.survey.messaging;

/**
 * Kafka did not confirm an event in time: the request that caused it must not report success, nor that nothing was
 * written (a batch the producer gave up on after sending it may still be written).
 */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
