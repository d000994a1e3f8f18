package org.pmoresearch.catalogue.web;

import jakarta.validation.constraints.Positive;
import org.pmoresearch.catalogue.store.CatalogueVersionStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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

    @GetMapping("/versions/{version}")
    CatalogueResponse version(@PathVariable @Positive int version) {
        return store.find(version)
                .map(CatalogueResponse::of)
                .orElseThrow(() -> CatalogueNotFoundException.unknownVersion(version));
    }
}
