package org.pmoresearch.survey.domain;

import org.pmoresearch.contracts.RespondentProfile;

import java.util.List;
import java.util.Map;

/**
 * A response that passed validation against its catalogue version.
 *
 * @param selections area id to the selected task ids of that area, in the order the respondent sent them
 */
public record SurveySubmission(
        int catalogueVersion,
        RespondentProfile profile,
        Map<String, List<String>> selections,
        String otherServices) {
}
