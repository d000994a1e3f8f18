package org.pmoresearch.export.store;

import org.junit.jupiter.api.Test;
import org.pmoresearch.export.TestCatalogues;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueVersionsTest {

    private final CatalogueVersions versions = new CatalogueVersions();

    @Test
    void hasNoLatestBeforeAnyVersionArrives() {
        assertThat(versions.latest()).isEmpty();
    }

    @Test
    void latestIsTheHighestVersionEvenWhenAnOlderOneArrivesLater() {
        versions.add(TestCatalogues.version2());
        versions.add(TestCatalogues.version1());

        assertThat(versions.latest()).get().extracting(catalogue -> catalogue.version()).isEqualTo(2);
    }
}
