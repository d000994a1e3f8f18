package org.pmoresearch.catalogue.domain;

import java.util.List;

/** An import file with problems, every one of them listed; the draft was not changed. */
public class ImportRejectedException extends RuntimeException {

    private final List<ImportProblem> problems;

    public ImportRejectedException(List<ImportProblem> problems) {
        super(problems.size() + " problem(s) in the imported catalogue");
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
