package org.pmoresearch.catalogue.domain;

import org.pmoresearch.contracts.CatalogueGroup;

import java.util.List;

/**
 * What publishing the draft now would do.
 *
 * @param publishedVersion the latest published version, the one the changes are counted against
 * @param groups           what would be published: the draft without its retired items
 * @param problems         why the draft cannot be published as it is; empty when it can
 */
public record PendingChanges(Draft draft, int publishedVersion, List<CatalogueGroup> groups,
                             List<CatalogueChange> changes, List<Violation> problems) {

    public PendingChanges {
        groups = List.copyOf(groups);
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
    }
}
