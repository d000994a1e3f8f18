package org.pmoresearch.export.domain;

/** The respondent withdrew the response: there is nothing of theirs left to report. */
public class ResponseWithdrawnException extends RuntimeException {

    public ResponseWithdrawnException() {
        super("This response was withdrawn.");
    }
}
