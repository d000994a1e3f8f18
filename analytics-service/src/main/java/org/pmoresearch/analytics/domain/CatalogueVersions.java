package org.pmoresearch.analytics.domain;

import org.pmoresearch.contracts.CataloguePublished;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Every catalogue version seen on the catalogue topic, kept in memory (the topic is read from the start). */
@Component
public class CatalogueVersions {

    private final ConcurrentSkipListMap<Integer, CataloguePublished> versions = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<Integer, SelectionBits> selectionBits = new ConcurrentHashMap<>();
    private final Object arrivals = new Object();

    /** Versions are immutable, so seeing one again changes nothing. */
    public void add(CataloguePublished catalogue) {
        versions.putIfAbsent(catalogue.version(), catalogue);
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    public Optional<CataloguePublished> latest() {
        return Optional.ofNullable(versions.lastEntry()).map(Map.Entry::getValue);
    }

    public Optional<CataloguePublished> find(int version) {
        return Optional.ofNullable(versions.get(version));
    }

    /** How selections to {@code version} are written as bits; empty while the version is not known. */
    public Optional<SelectionBits> selectionBits(int version) {
        SelectionBits bits = selectionBits.get(version);
        if (bits != null) {
            return Optional.of(bits);
        }
        return find(version).map(catalogue -> selectionBits.computeIfAbsent(version, v -> SelectionBits.of(catalogue)));
    }

    /** Every known version, newest first. */
    public List<CataloguePublished> newestFirst() {
        return List.copyOf(versions.descendingMap().values());
    }

    /** False until the first version has been read from the catalogue topic. */
    public boolean any() {
        return !versions.isEmpty();
    }

    /**
     * Waits until {@code version} is known or {@code deadline} passes: a response can arrive a moment
     * before the catalogue version it answers.
     * @return whether the version is known
     */
    public boolean awaitVersion(int version, Instant deadline) throws InterruptedException {
        synchronized (arrivals) {
            while (!versions.containsKey(version)) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return false;
                }
                arrivals.wait(Math.max(1, left.toMillis()));
            }
            return true;
        }
    }
}
