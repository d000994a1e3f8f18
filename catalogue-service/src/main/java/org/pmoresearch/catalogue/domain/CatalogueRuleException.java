package org.pmoresearch.catalogue.domain;

import java.util.List;
import java.util.stream.Collectors;

/** An edit or a publication the catalogue's rules do not allow; nothing was changed. */
public class CatalogueRuleException extends RuntimeException {

    private final List<Violation> violations;

    public CatalogueRuleException(List<Violation> violations) {
        super(violations.stream().map(violation -> violation.field() + ": " + violation.reason())
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public CatalogueRuleException(String field, String reason) {
        this(List.of(new Violation(field, reason)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
