package org.pmoresearch.contracts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RespondentProfileTest {

    private static final RecordComponent[] COMPONENTS = RespondentProfile.class.getRecordComponents();

    @Test
    void fieldsAreTheRecordsComponentsInTheirOrder() {
        assertThat(RespondentProfile.FIELDS)
                .containsExactlyElementsOf(Arrays.stream(COMPONENTS).map(RecordComponent::getName).toList());
    }

    @Test
    void valuesAreTheComponentsValuesInTheOrderOfTheFields() throws ReflectiveOperationException {
        String[] distinct = new String[COMPONENTS.length];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = "value-of-" + COMPONENTS[i].getName();
        }
        RespondentProfile profile = (RespondentProfile) RespondentProfile.class.getDeclaredConstructors()[0]
                .newInstance((Object[]) distinct);

        List<String> byReflection = new ArrayList<>();
        for (RecordComponent component : COMPONENTS) {
            byReflection.add((String) component.getAccessor().invoke(profile));
        }
        assertThat(profile.values()).containsExactlyElementsOf(byReflection);
        assertThat(RespondentProfile.of(distinct)).isEqualTo(profile);
    }

    @Test
    void itsJsonHoldsTheFieldsOnly() {
        JsonMapper json = JsonMapper.builder().build();
        RespondentProfile profile = RespondentProfile.of(RespondentProfile.FIELDS.toArray(String[]::new));

        List<String> properties = new ArrayList<>();
        json.readTree(json.writeValueAsString(profile)).propertyNames().forEach(properties::add);

        assertThat(properties).containsExactlyElementsOf(RespondentProfile.FIELDS);
        assertThat(json.readValue("{\"role\": \"pmo-lead\"}", RespondentProfile.class))
                .isEqualTo(new RespondentProfile(null, "pmo-lead", null, null, null, null, null, null));
    }

    @Test
    void unansweredFieldsAreNullValues() {
        assertThat(RespondentProfile.EMPTY.values()).hasSize(RespondentProfile.FIELDS.size()).containsOnlyNulls();
    }

    @Test
    void ofRefusesAnotherNumberOfValues() {
        assertThatThrownBy(() -> RespondentProfile.of(new String[RespondentProfile.FIELDS.size() - 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");
    }
}
