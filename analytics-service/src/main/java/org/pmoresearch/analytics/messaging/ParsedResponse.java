package org.pmoresearch.analytics.messaging;

import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.contracts.SurveyResponseWithdrawn;

/** A record of the responses topic, read: one of the two events, or poison. */
sealed interface ParsedResponse {

    record Submitted(SurveyResponseSubmitted event) implements ParsedResponse {
    }

    record Withdrawn(SurveyResponseWithdrawn event) implements ParsedResponse {
    }

    record Poison(PoisonReason reason, String detail) implements ParsedResponse {
    }
}
