package org.pmoresearch.export.domain;

/** The report token is missing or does not belong to the response asked for. */
public class WrongReportTokenException extends RuntimeException {

    public WrongReportTokenException() {
        super("The report token does not match this response.");
    }
}
