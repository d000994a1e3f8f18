package org.pmoresearch.catalogue.domain;

/** An import file that cannot be read at all (broken JSON syntax, an unterminated CSV quote). */
public class MalformedImportException extends RuntimeException {

    public MalformedImportException(String message) {
        super(message);
    }
}
