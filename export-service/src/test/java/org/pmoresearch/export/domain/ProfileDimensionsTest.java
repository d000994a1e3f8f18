package org.pmoresearch.export.domain;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProfileDimensionsTest {

    private final ProfileDimensions dimensions = ProfileDimensions.fromContracts(JsonMapper.builder().build());

    @Test
    void readsTheProfileQuestionsOfTheContractsInSurveyOrder() {
        assertThat(dimensions.all()).extracting(ProfileDimensions.Dimension::id).containsExactly(
                "pmoType", "role", "sector", "region", "organisationSize", "pmoHeadcount", "yearsInPmo", "employment");
        assertThat(dimensions.dimension("pmoType").orElseThrow().option("enterprise"))
                .get().extracting(ProfileDimensions.Option::label).isEqualTo("Enterprise or portfolio PMO");
    }

    @Test
    void readsFiltersAndLeavesOtherNamedParametersAlone() {
        assertThat(dimensions.filters(parameters("pmoType", "enterprise", "token", "abc"), Set.of("token"), 1))
                .containsExactly(new SegmentFilter("pmoType", "enterprise"));
        assertThat(dimensions.filters(parameters("pmoType", "enterprise", "region", "europe"), Set.of(), Integer.MAX_VALUE))
                .containsExactly(new SegmentFilter("pmoType", "enterprise"), new SegmentFilter("region", "europe"));
        assertThat(dimensions.filters(Map.of(), Set.of(), 1)).isEmpty();
    }

    @Test
    void namesEveryUnknownDimensionAndValueAtOnce() {
        InvalidParameterException e = catchThrowableOfType(InvalidParameterException.class,
                () -> dimensions.filters(parameters("colour", "red", "region", "atlantis"), Set.of(), Integer.MAX_VALUE));

        assertThat(e.problems()).extracting(ParameterProblem::field).containsExactly("colour", "region");
        assertThat(e.problems().get(1).reason()).contains("atlantis", "europe");
    }

    @Test
    void refusesARepeatedDimensionAndMoreDimensionsThanAllowed() {
        Map<String, List<String>> repeated = Map.of("pmoType", List.of("enterprise", "business-unit"));
        assertThat(catchThrowableOfType(InvalidParameterException.class, () -> dimensions.filters(repeated, Set.of(), 1)).problems())
                .extracting(ParameterProblem::field).containsExactly("pmoType");

        InvalidParameterException crossFilter = catchThrowableOfType(InvalidParameterException.class,
                () -> dimensions.filters(parameters("pmoType", "enterprise", "role", "pmo-manager"), Set.of(), 1));
        assertThat(crossFilter.problems()).extracting(ParameterProblem::field).containsExactly("pmoType, role");
        assertThat(crossFilter.problems().get(0).reason()).contains("admins only");
    }

    private static Map<String, List<String>> parameters(String... namesAndValues) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int index = 0; index < namesAndValues.length; index += 2) {
            parameters.put(namesAndValues[index], List.of(namesAndValues[index + 1]));
        }
        return parameters;
    }
}
