package org.pmoresearch.export.domain;

/** A workbook cannot be built right now (no catalogue yet, analytics unreachable); asking again later may work. */
public class ExportUnavailableException extends RuntimeException {

    public ExportUnavailableException(String message) {
        super(message);
    }

    public ExportUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
