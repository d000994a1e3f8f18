package org.pmoresearch.export.domain;

import java.util.List;

/** The request names something that does not exist or cannot be combined: the client has to change it. */
public class InvalidParameterException extends RuntimeException {

    private final transient List<ParameterProblem> problems;

    public InvalidParameterException(String message, List<ParameterProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<ParameterProblem> problems() {
        return problems;
    }
}
