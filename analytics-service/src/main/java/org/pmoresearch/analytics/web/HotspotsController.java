package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.store.PartitionCountsStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/hotspots")
class HotspotsController {

    private final PartitionCountsStore partitions;
    private final CatalogueVersions catalogues;

    HotspotsController(PartitionCountsStore partitions, CatalogueVersions catalogues) {
        this.partitions = partitions;
        this.catalogues = catalogues;
    }

    /** Summed over every partition's stored counts. */
    @GetMapping
    HotspotsResponse hotspots() {
        return HotspotsAssembler.assemble(partitions.sumOfAllPartitions(), catalogues.latest().orElse(null));
    }
}
