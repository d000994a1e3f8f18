package org.pmoresearch.catalogue.web;

import org.pmoresearch.catalogue.domain.CatalogueChange;
import org.pmoresearch.catalogue.domain.DraftGroup;
import org.pmoresearch.catalogue.domain.PendingChanges;
import org.pmoresearch.catalogue.domain.Violation;

import java.util.List;

/** Response bodies of the admin API that are not the draft itself. */
final class AdminResponses {

    private AdminResponses() {
    }

    /**
     * @param publishedVersion the version the changes are counted against
     * @param revision         the draft revision they were computed from
     * @param problems         why publishing would be refused now; empty when it would succeed
     */
    record Diff(int publishedVersion, long revision, List<CatalogueChange> changes, List<Violation> problems) {

        static Diff of(PendingChanges pending) {
            return new Diff(pending.publishedVersion(), pending.draft().revision(), pending.changes(), pending.problems());
        }
    }

    /** The JSON export, which is also what the JSON import reads. */
    record CatalogueExport(List<DraftGroup> groups) {
    }
}
