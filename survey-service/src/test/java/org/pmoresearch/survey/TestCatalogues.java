package org.pmoresearch.survey;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A small catalogue: two groups, four areas, six tasks. */
public final class TestCatalogues {

    public static final int AREA_COUNT = 4;
    public static final int TASK_COUNT = 6;

    private TestCatalogues() {
    }

    public static CataloguePublished version(int version) {
        return new CataloguePublished(CataloguePublished.SCHEMA_VERSION, UUID.randomUUID(), version,
                Instant.parse("2026-11-01T10:15:30Z"),
                List.of(
                        new CatalogueGroup("planning", "Planning", "Portfolio office", List.of(
                                new CatalogueArea("portfolio-reporting", "Portfolio analysis & reporting", "Dashboards", List.of(
                                        new CatalogueTask("consolidated-dashboard", "Consolidated dashboard", "One view"),
                                        new CatalogueTask("rag-roll-up", "RAG roll-up", null))),
                                new CatalogueArea("benefits-management", "Benefits management", "Benefits", List.of(
                                        new CatalogueTask("benefits-register", "Benefits register", "Keep it"))))),
                        new CatalogueGroup("delivery", "Delivery", "Programme and project office", List.of(
                                new CatalogueArea("risk-management", "Risk management", "Risks", List.of(
                                        new CatalogueTask("risk-register", "Risk register", "Keep the register"),
                                        new CatalogueTask("risk-workshops", "Risk workshops", "Run them"))),
                                new CatalogueArea("secretariat", "Secretariat", "Boards", List.of(
                                        new CatalogueTask("minutes", "Minutes", "Take them")))))));
    }
}
