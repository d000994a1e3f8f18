package org.pmoresearch.export.store;

import org.pmoresearch.contracts.CataloguePublished;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every catalogue version read from the catalogue topic since boot. Nothing is persisted: the compacted
 * topic is re-read from the start at every boot, so memory only needs to mirror it.
 */
@Component
public class CatalogueVersions {

    private final ConcurrentNavigableMap<Integer, CataloguePublished> byVersion = new ConcurrentSkipListMap<>();

    /** A version seen again replaces the earlier copy, as the compacted topic itself keeps the last record per key. */
    public void add(CataloguePublished catalogue) {
        byVersion.put(catalogue.version(), catalogue);
    }

    /** One version, when it has been received. */
    public Optional<CataloguePublished> version(int version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    /** The highest version number received, whatever order the versions arrived in. */
    public Optional<CataloguePublished> latest() {
        return Optional.ofNullable(byVersion.lastEntry()).map(Map.Entry::getValue);
    }
}
