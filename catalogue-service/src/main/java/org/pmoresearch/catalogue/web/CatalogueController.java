package org.pmoresearch.catalogue.web;

import jakarta.validation.constraints.Positive;
import org.pmoresearch.catalogue.domain.CatalogueChange;
import org.pmoresearch.catalogue.domain.VersionSummary;
import org.pmoresearch.catalogue.store.CatalogueVersionStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The published catalogue: every version stays readable, with what changed since the one before. */
@RestController
@RequestMapping("/api/catalogue")
class CatalogueController {

    private final CatalogueVersionStore store;

    CatalogueController(CatalogueVersionStore store) {
        this.store = store;
    }

    @GetMapping
    CatalogueResponse latest() {
        return store.findLatest()
                .map(CatalogueResponse::of)
                .orElseThrow(CatalogueNotFoundException::noVersionPublished);
    }

    /** Every published version, oldest first. */
    @GetMapping("/versions")
    List<VersionSummary> versions() {
        return store.findSummaries();
    }

    @GetMapping("/versions/{version}")
    CatalogueResponse version(@PathVariable @Positive int version) {
        return store.find(version)
                .map(CatalogueResponse::of)
                .orElseThrow(() -> CatalogueNotFoundException.unknownVersion(version));
    }

    @GetMapping("/versions/{version}/changes")
    ChangesResponse changes(@PathVariable @Positive int version) {
        return store.find(version)
                .map(found -> new ChangesResponse(version, version == 1 ? null : version - 1, found.changes()))
                .orElseThrow(() -> CatalogueNotFoundException.unknownVersion(version));
    }

    /**
     * A version's changelog against the version before it.
     *
     * @param previousVersion null for version 1, whose changes add everything
     */
    record ChangesResponse(int version, Integer previousVersion, List<CatalogueChange> changes) {
    }
}
