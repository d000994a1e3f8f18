package org.pmoresearch.analytics.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.TestEvents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Selections as bits over catalogue version 1 of the tests: areas portfolio-analysis, benefits-management,
 * risk-management, legacy-assurance; tasks consolidated-dashboard, rag-roll-up (portfolio-analysis),
 * benefits-register, risk-register, risk-workshops, legacy-audit.
 */
class SelectionBitsTest {

    private final SelectionBits version1 = SelectionBits.of(TestEvents.CATALOGUE_V1);

    @Test
    void eachAreaAndTaskIsOneBitInTheCataloguesOrder() {
        SelectionBits.Encoded bits = version1.encode(Map.of(
                "risk-management", List.of("risk-workshops", "risk-register"),
                "benefits-management", List.of()));

        assertThat(bits.areas()).containsExactly(0b0110);
        assertThat(bits.tasks()).containsExactly(0b11000);
        assertThat(version1.decode(bits.areas(), bits.tasks())).containsExactly(
                Map.entry("benefits-management", List.of()),
                Map.entry("risk-management", List.of("risk-register", "risk-workshops")));
    }

    @Test
    void nullsNameNothingAndAnIdNamedTwiceIsSelectedOnce() {
        Map<String, List<String>> selections = new HashMap<>();
        selections.put("legacy-assurance", null);
        selections.put("portfolio-analysis", Arrays.asList("rag-roll-up", null, "rag-roll-up"));

        SelectionBits.Encoded bits = version1.encode(selections);

        assertThat(version1.decode(bits.areas(), bits.tasks())).containsExactly(
                Map.entry("portfolio-analysis", List.of("rag-roll-up")),
                Map.entry("legacy-assurance", List.of()));
    }

    @Test
    void anyIdTheVersionLacksLeavesTheSelectionsToBeStoredAsIds() {
        assertThat(version1.encode(Map.of("ppm-tools", List.of()))).isNull();
        assertThat(version1.encode(Map.of("risk-management", List.of("risk-register", "ppm-selection")))).isNull();
        assertThat(version1.encode(Map.of("risk-management", List.of("benefits-register"))))
                .as("a task of another area").isNull();
    }

    @Test
    void everyTaskOfAVersionRoundTrips() {
        Map<String, List<String>> all = new HashMap<>();
        TestEvents.CATALOGUE_V2.groups().forEach(group -> group.areas().forEach(area ->
                all.put(area.id(), new ArrayList<>(area.tasks().stream().map(task -> task.id()).toList()))));
        SelectionBits version2 = SelectionBits.of(TestEvents.CATALOGUE_V2);

        SelectionBits.Encoded bits = version2.encode(all);

        assertThat(version2.decode(bits.areas(), bits.tasks())).isEqualTo(all);
    }

    @Test
    void bitsThatNoSelectionOfTheVersionCouldGiveAreRefused() {
        assertThatThrownBy(() -> version1.decode(new byte[] {0b10000}, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 4 areas");
        assertThatThrownBy(() -> version1.decode(new byte[] {0b1111}, new byte[] {0b1000000}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 6 tasks");
        assertThatThrownBy(() -> version1.decode(new byte[] {0b0001}, new byte[] {0b1000}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("risk-management");
    }
}
