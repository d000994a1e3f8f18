package org.pmoresearch.export;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Small catalogues shaped like the PMO one: groups of areas of tasks. */
public final class TestCatalogues {

    private TestCatalogues() {
    }

    /** Version 1: one group, one area with two tasks. */
    public static CataloguePublished version1() {
        return catalogue(1, List.of(planning(List.of(
                portfolioBuild()))));
    }

    /**
     * Version 2: version 1 plus a second area in Planning and a Delivery group, whose "Secretariat" area has
     * no tasks.
     */
    public static CataloguePublished version2() {
        return catalogue(2, List.of(
                planning(List.of(
                        portfolioBuild(),
                        new CatalogueArea("benefits-management", "Benefits management", "Benefits register and realisation tracking",
                                List.of(new CatalogueTask("benefits-register", "Benefits register", "Keep the register of expected benefits"))))),
                new CatalogueGroup("delivery", "Delivery", "Programme and project office", List.of(
                        new CatalogueArea("secretariat", "Secretariat", "Agendas, minutes, action logs", List.of())))));
    }

    private static CatalogueGroup planning(List<CatalogueArea> areas) {
        return new CatalogueGroup("planning", "Planning", "Portfolio office", areas);
    }

    private static CatalogueArea portfolioBuild() {
        return new CatalogueArea("portfolio-build", "Portfolio build & prioritisation", "Portfolio register, demand intake, scoring",
                List.of(new CatalogueTask("portfolio-register", "Portfolio register", "Maintain the register of initiatives"),
                        new CatalogueTask("demand-intake", "Demand intake", "Receive and triage new proposals")));
    }

    private static CataloguePublished catalogue(int version, List<CatalogueGroup> groups) {
        return new CataloguePublished(CataloguePublished.SCHEMA_VERSION, UUID.randomUUID(), version,
                Instant.parse("2025-05-01T10:00:00Z"), groups);
    }
}
