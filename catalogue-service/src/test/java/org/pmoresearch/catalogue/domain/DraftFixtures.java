package org.pmoresearch.catalogue.domain;

import org.pmoresearch.contracts.CatalogueGroup;

import java.util.List;

/** A small catalogue for the domain tests: two groups, three areas, five tasks. */
final class DraftFixtures {

    private DraftFixtures() {
    }

    static List<DraftGroup> groups() {
        return List.of(
                new DraftGroup("planning", "Planning", "Portfolio office", false, List.of(
                        new DraftArea("reporting", "Reporting", "Status reporting", false, List.of(
                                new DraftTask("status-returns", "Status returns", null, false),
                                new DraftTask("highlight-reports", "Highlight reports", "Monthly", false))),
                        new DraftArea("risk", "Risk management", null, false, List.of(
                                new DraftTask("risk-register", "Risk register", null, false),
                                new DraftTask("risk-escalation", "Escalation", null, false))))),
                new DraftGroup("delivery", "Delivery", null, false, List.of(
                        new DraftArea("finance", "Finance", null, false, List.of(
                                new DraftTask("budgets", "Budgets", null, false))))));
    }

    /** The fixture as published: nothing retired. */
    static List<CatalogueGroup> published() {
        return CatalogueDraft.of(groups(), CatalogueHistory.empty()).published();
    }

    /** A draft of the fixture whose every item has been published once (as version 1). */
    static CatalogueDraft publishedDraft() {
        return CatalogueDraft.of(groups(), CatalogueHistory.of(List.of(published())));
    }
}
