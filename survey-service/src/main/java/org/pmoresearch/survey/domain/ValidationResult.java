package org.pmoresearch.survey.domain;

import java.util.List;

/** Either a valid submission or the violations that prevent one. */
public record ValidationResult(SurveySubmission submission, List<FieldViolation> violations) {

    public ValidationResult {
        violations = List.copyOf(violations);
    }

    static ValidationResult valid(SurveySubmission submission) {
        return new ValidationResult(submission, List.of());
    }

    static ValidationResult invalid(List<FieldViolation> violations) {
        return new ValidationResult(null, violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }
}
