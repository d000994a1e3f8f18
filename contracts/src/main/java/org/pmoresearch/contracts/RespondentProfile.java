package org.pmoresearch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Arrays;
import java.util.List;

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

    /** The fields' names, in the order of {@link #values()}: the record's own order. */
    public static final List<String> FIELDS = List.of("pmoType", "role", "sector", "region", "organisationSize",
            "pmoHeadcount", "yearsInPmo", "employment");

    /** The fields' values in the order of {@link #FIELDS}, nulls included: read without reflection. */
    public List<String> values() {
        return Arrays.asList(pmoType, role, sector, region, organisationSize, pmoHeadcount, yearsInPmo, employment);
    }

    /** A profile from its fields' values in the order of {@link #FIELDS}. */
    public static RespondentProfile of(String[] values) {
        if (values.length != FIELDS.size()) {
            throw new IllegalArgumentException(FIELDS.size() + " values expected, " + values.length + " given");
        }
        return new RespondentProfile(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7]);
    }
}
