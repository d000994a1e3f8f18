package org.pmoresearch.catalogue.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsTest {

    @Test
    void makesALowercaseSlugFromAName() {
        assertThat(Slugs.unique("Portfolio build & prioritisation", "area", id -> false))
                .isEqualTo("portfolio-build-prioritisation");
        assertThat(Slugs.unique("  Gestión de riesgos ", "area", id -> false)).isEqualTo("gestion-de-riesgos");
    }

    @Test
    void appendsANumberUntilTheSlugIsFree() {
        Set<String> taken = Set.of("reporting", "reporting-2");

        assertThat(Slugs.unique("Reporting", "area", taken::contains)).isEqualTo("reporting-3");
    }

    @Test
    void fallsBackToTheKindWhenTheNameHasNoLetterOrDigit() {
        assertThat(Slugs.unique("—", "task", id -> false)).isEqualTo("task");
    }

    @Test
    void keepsSlugsWithinTheMaximumLengthEvenWithASuffix() {
        String longName = "a".repeat(100);
        Set<String> taken = Set.of("a".repeat(Slugs.MAX_LENGTH));

        String slug = Slugs.unique(longName, "task", taken::contains);

        assertThat(slug).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH).endsWith("-2");
        assertThat(Slugs.isSlug(slug)).isTrue();
    }

    @Test
    void recognisesSlugs() {
        assertThat(Slugs.isSlug("risk-register")).isTrue();
        assertThat(Slugs.isSlug("p3o")).isTrue();
        assertThat(Slugs.isSlug("Risk")).isFalse();
        assertThat(Slugs.isSlug("risk--register")).isFalse();
        assertThat(Slugs.isSlug("-risk")).isFalse();
        assertThat(Slugs.isSlug("a".repeat(81))).isFalse();
        assertThat(Slugs.isSlug(null)).isFalse();
    }
}
