package org.pmoresearch.catalogue.domain;

import java.util.List;

/**
 * What an import file holds: its groups, and the problems found while reading it (a row that names an unknown
 * group, a value of the wrong type...), which are reported together with those the catalogue's rules find.
 */
public record ImportedCatalogue(List<ImportedItem> groups, List<ImportProblem> problems) {

    public ImportedCatalogue {
        groups = List.copyOf(groups);
        problems = List.copyOf(problems);
    }
}
