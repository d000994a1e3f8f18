package org.pmoresearch.analytics.domain;

/**
 * A stored response answers a catalogue version this instance has not read from the catalogue topic yet (it reads
 * the topic from the start when it starts), so its selections cannot be read: asking again shortly succeeds.
 */
public class CatalogueNotReadYetException extends RuntimeException {

    private final int version;

    public CatalogueNotReadYetException(int version) {
        super("Catalogue version " + version + " has not been read from the catalogue topic yet");
        this.version = version;
    }

    public int version() {
        return version;
    }
}
