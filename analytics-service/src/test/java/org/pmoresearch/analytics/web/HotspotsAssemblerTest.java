package org.pmoresearch.analytics.web;

import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.web.HotspotsResponse.AreaHotspot;
import org.pmoresearch.analytics.web.HotspotsResponse.TaskHotspot;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class HotspotsAssemblerTest {

    @Test
    void withoutResponsesEveryAreaAndTaskOfTheLatestCatalogueIsListedAtZeroInCatalogueOrder() {
        HotspotsResponse hotspots = HotspotsAssembler.assemble(new SelectionCounts(), TestEvents.CATALOGUE_V2);

        assertThat(hotspots.totalResponses()).isZero();
        assertThat(hotspots.catalogueVersion()).isEqualTo(2);
        assertThat(hotspots.areas()).extracting(AreaHotspot::id)
                .containsExactly("portfolio-analysis", "benefits-management", "risk-management", "ppm-tools");
        assertThat(hotspots.areas()).allSatisfy(area -> {
            assertThat(area.count()).isZero();
            assertThat(area.percentage()).isZero();
        });
        assertThat(hotspots.areas().get(0).tasks()).extracting(TaskHotspot::id)
                .containsExactly("consolidated-dashboard", "rag-roll-up");
        assertThat(hotspots.areas().get(3).groupId()).isEqualTo("centre-of-excellence");
        assertThat(hotspots.areas().get(3).name()).isEqualTo("PPM tools");
    }

    @Test
    void areasAndTasksAreOrderedByCountThenByCatalogueOrder() {
        SelectionCounts counts = new SelectionCounts();
        counts.add(Map.of("risk-management", List.of("risk-workshops"), "ppm-tools", List.of()));
        counts.add(Map.of("risk-management", List.of("risk-workshops", "risk-register")));
        counts.add(Map.of("benefits-management", List.of()));

        HotspotsResponse hotspots = HotspotsAssembler.assemble(counts, TestEvents.CATALOGUE_V2);

        assertThat(hotspots.areas()).extracting(AreaHotspot::id, AreaHotspot::count).containsExactly(
                tuple("risk-management", 2L),
                tuple("benefits-management", 1L),
                tuple("ppm-tools", 1L),
                tuple("portfolio-analysis", 0L));
        assertThat(hotspots.areas().get(0).tasks()).extracting(TaskHotspot::id)
                .containsExactly("risk-workshops", "risk-register");
    }

    @Test
    void idsCountedUnderAnOlderCatalogueAreListedUnderTheirIds() {
        SelectionCounts counts = new SelectionCounts();
        counts.add(Map.of("legacy-assurance", List.of("legacy-audit")));

        HotspotsResponse hotspots = HotspotsAssembler.assemble(counts, TestEvents.CATALOGUE_V2);

        AreaHotspot legacy = hotspots.areas().get(0);
        assertThat(legacy.id()).isEqualTo("legacy-assurance");
        assertThat(legacy.name()).isEqualTo("legacy-assurance");
        assertThat(legacy.groupId()).isNull();
        assertThat(legacy.percentage()).isEqualTo(100.0);
        assertThat(legacy.tasks()).containsExactly(new TaskHotspot("legacy-audit", "legacy-audit", 1, 100.0));
    }

    @Test
    void beforeAnyCatalogueOnlyCountedIdsAreListed() {
        SelectionCounts counts = new SelectionCounts();
        counts.add(Map.of("ppm-tools", List.of()));

        HotspotsResponse hotspots = HotspotsAssembler.assemble(counts, null);

        assertThat(hotspots.catalogueVersion()).isNull();
        assertThat(hotspots.areas()).extracting(AreaHotspot::id).containsExactly("ppm-tools");
    }

    @Test
    void percentagesAreRoundedToOneDecimal() {
        assertThat(HotspotsAssembler.percentage(1, 3)).isEqualTo(33.3);
        assertThat(HotspotsAssembler.percentage(2, 3)).isEqualTo(66.7);
        assertThat(HotspotsAssembler.percentage(1, 8)).isEqualTo(12.5);
        assertThat(HotspotsAssembler.percentage(0, 0)).isZero();
    }
}
