package org.pmoresearch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The respondent's optional profile. Every field may be null; values come from the allowed lists
 * in {@code profile-questions.json}. None of them identifies a person.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RespondentProfile(
        String pmoType,
        String role,
        String sector,
        String region,
        String organisationSize,
        String pmoHeadcount,
        String yearsInPmo,
        String employment) {

    public static final RespondentProfile EMPTY = new RespondentProfile(null, null, null, null, null, null, null, null);
}
