package org.pmoresearch.survey.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"3f0c9a56-2f5e-4c1b-9d55-7f7e3a2b1c0d", "3F0C9A56-2F5E-4C1B-9D55-7F7E3A2B1C0D"})
    void acceptsCanonicalUuidsInEitherCaseAsTheLowercaseUuid(String value) {
        assertThat(ResponseIds.parse(value)).contains(UUID.fromString("3f0c9a56-2f5e-4c1b-9d55-7f7e3a2b1c0d"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1-1-1-1-1", "not-a-uuid", "3f0c9a562f5e4c1b9d557f7e3a2b1c0d", " 3f0c9a56-2f5e-4c1b-9d55-7f7e3a2b1c0d"})
    void rejectsAnythingElse(String value) {
        assertThat(ResponseIds.parse(value)).isEmpty();
    }
}
