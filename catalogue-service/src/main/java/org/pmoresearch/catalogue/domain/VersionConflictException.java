package org.pmoresearch.catalogue.domain;

/** Another publication stored the same version number first. */
public class VersionConflictException extends RuntimeException {

    public VersionConflictException(int version) {
        super("Catalogue version " + version + " was published by someone else at the same moment");
    }
}
