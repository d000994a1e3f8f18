package org.pmoresearch.survey.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;
import org.pmoresearch.survey.TestCatalogues;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CatalogueRegistryTest {

    private final CatalogueRegistry registry = new CatalogueRegistry();

    @Test
    void hasNoCurrentCatalogueBeforeTheFirstVersion() {
        assertThat(registry.isEmpty()).isTrue();
        assertThat(registry.current()).isEmpty();
        assertThat(registry.version(1)).isEmpty();
    }

    @Test
    void currentIsTheHighestVersionWhateverTheArrivalOrder() {
        registry.register(TestCatalogues.version(2));
        registry.register(TestCatalogues.version(3));
        registry.register(TestCatalogues.version(1));

        assertThat(registry.current()).hasValueSatisfying(current -> assertThat(current.version()).isEqualTo(3));
        assertThat(registry.version(1)).isPresent();
        assertThat(registry.version(2)).isPresent();
    }

    @Test
    void aRepeatedVersionReplacesNothing() {
        CataloguePublished first = TestCatalogues.version(1);
        CataloguePublished sameVersionOtherContent = singleAreaCatalogue(1, "other-area", "other-task");

        assertThat(registry.register(first)).isTrue();
        assertThat(registry.register(sameVersionOtherContent)).isFalse();

        PublishedCatalogue kept = registry.version(1).orElseThrow();
        assertThat(kept.content()).isSameAs(first);
        assertThat(kept.hasArea("other-area")).isFalse();
    }

    @Test
    void precomputesTheAreaOfEveryTask() {
        registry.register(TestCatalogues.version(1));
        PublishedCatalogue catalogue = registry.current().orElseThrow();

        assertThat(catalogue.areaCount()).isEqualTo(TestCatalogues.AREA_COUNT);
        assertThat(catalogue.taskCount()).isEqualTo(TestCatalogues.TASK_COUNT);
        assertThat(catalogue.hasArea("risk-management")).isTrue();
        assertThat(catalogue.areaOf("risk-workshops")).contains("risk-management");
        assertThat(catalogue.areaOf("horoscopes")).isEmpty();
    }

    @Test
    void refusesStructurallyUnusableCatalogues() {
        CataloguePublished taskInTwoAreas = new CataloguePublished(1, UUID.randomUUID(), 4, Instant.now(), List.of(
                new CatalogueGroup("g", "G", null, List.of(
                        new CatalogueArea("a", "A", null, List.of(new CatalogueTask("t", "T", null))),
                        new CatalogueArea("b", "B", null, List.of(new CatalogueTask("t", "T", null)))))));
        CataloguePublished noGroups = new CataloguePublished(1, UUID.randomUUID(), 5, Instant.now(), null);
        CataloguePublished versionZero = singleAreaCatalogue(0, "a", "t");

        assertThatIllegalArgumentException().isThrownBy(() -> registry.register(taskInTwoAreas)).withMessageContaining("t");
        assertThatIllegalArgumentException().isThrownBy(() -> registry.register(noGroups));
        assertThatIllegalArgumentException().isThrownBy(() -> registry.register(versionZero));
        assertThat(registry.isEmpty()).isTrue();
    }

    private static CataloguePublished singleAreaCatalogue(int version, String areaId, String taskId) {
        return new CataloguePublished(1, UUID.randomUUID(), version, Instant.now(), List.of(
                new CatalogueGroup("g", "G", null, List.of(
                        new CatalogueArea(areaId, "A", null, List.of(new CatalogueTask(taskId, "T", null)))))));
    }
}
