package org.pmoresearch.export.store;

import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.CataloguePublished;
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

    @Test
    void findsAnyVersionReceived() {
        CataloguePublished version1 = TestCatalogues.version1();
        versions.add(version1);

        assertThat(versions.version(1)).contains(version1);
        assertThat(versions.version(2)).isEmpty();
    }
}
