package org.pmoresearch.analytics.web;

import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.analytics.domain.HotspotRules;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.web.HotspotsAssembler.Assembled;
import org.pmoresearch.analytics.web.HotspotsAssembler.Publication;
import org.pmoresearch.analytics.web.HotspotsResponse.AreaHotspot;
import org.pmoresearch.analytics.web.HotspotsResponse.TaskHotspot;
import org.pmoresearch.contracts.CataloguePublished;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class HotspotsAssemblerTest {

    private static final HotspotRules RULES = new HotspotRules(5, 75, 40);
    private static final List<CataloguePublished> VERSIONS = List.of(TestEvents.CATALOGUE_V2, TestEvents.CATALOGUE_V1);
    private final HotspotsAssembler assembler = new HotspotsAssembler(RULES);

    @Test
    void withoutResponsesEveryAreaAndTaskOfTheCatalogueIsListedAtZeroInCatalogueOrder() {
        Assembled hotspots = assemble(new SelectionCounts(), Publication.UNFILTERED);

        assertThat(hotspots.totalResponses()).isZero();
        assertThat(hotspots.suppressed()).isFalse();
        assertThat(hotspots.areas()).extracting(AreaHotspot::id)
                .containsExactly("portfolio-analysis", "benefits-management", "risk-management", "ppm-tools");
        assertThat(hotspots.areas()).allSatisfy(area -> {
            assertThat(area.count()).isZero();
            assertThat(area.percentage()).isZero();
            assertThat(area.rank()).isEqualTo(1);
            assertThat(area.band()).isEqualTo("niche");
        });
        assertThat(hotspots.areas().get(0).tasks()).extracting(TaskHotspot::id)
                .containsExactly("consolidated-dashboard", "rag-roll-up");
        assertThat(hotspots.areas().get(3).groupId()).isEqualTo("centre-of-excellence");
        assertThat(hotspots.areas().get(3).name()).isEqualTo("PPM tools");
    }

    @Test
    void areasAndTasksAreOrderedByCountThenCatalogueOrderAndDenseRanked() {
        SelectionCounts counts = new SelectionCounts();
        counts.add(Map.of("risk-management", List.of("risk-workshops"), "ppm-tools", List.of()));
        counts.add(Map.of("risk-management", List.of("risk-workshops", "risk-register")));
        counts.add(Map.of("benefits-management", List.of()));

        Assembled hotspots = assemble(counts, Publication.UNFILTERED);

        assertThat(hotspots.areas()).extracting(AreaHotspot::id, AreaHotspot::count, AreaHotspot::rank).containsExactly(
                tuple("risk-management", 2L, 1),
                tuple("benefits-management", 1L, 2),
                tuple("ppm-tools", 1L, 2),
                tuple("portfolio-analysis", 0L, 3));
        assertThat(hotspots.areas().get(0).tasks()).extracting(TaskHotspot::id, TaskHotspot::rank)
                .containsExactly(tuple("risk-workshops", 1), tuple("risk-register", 2));
    }

    @Test
    void bandsFollowTheThresholdsOnTheExactShare() {
        SelectionCounts counts = new SelectionCounts();
        for (int i = 0; i < 100; i++) {
            counts.add(Map.of("risk-management", i < 75 ? List.of("risk-register") : List.of(),
                    i < 40 ? "ppm-tools" : "benefits-management", List.of()));
        }

        Assembled hotspots = assemble(counts, Publication.UNFILTERED);

        assertThat(hotspots.areas()).extracting(AreaHotspot::id, AreaHotspot::band).contains(
                tuple("risk-management", "core"), tuple("benefits-management", "common"),
                tuple("ppm-tools", "common"), tuple("portfolio-analysis", "niche"));
        AreaHotspot risk = hotspots.areas().get(0);
        assertThat(risk.tasks().get(0)).extracting(TaskHotspot::percentage, TaskHotspot::band).containsExactly(75.0, "core");
        assertThat(new HotspotRules(5, 80, 50).band(75, 100)).isEqualTo(HotspotRules.Band.COMMON);
        assertThat(new HotspotRules(5, 80, 50).band(49, 100)).isEqualTo(HotspotRules.Band.NICHE);
        assertThat(RULES.band(74_999, 100_000)).isEqualTo(HotspotRules.Band.COMMON);
    }

    @Test
    void aFilteredAnswerWithFewerThanKRespondentsIsSuppressedWhole() {
        SelectionCounts counts = new SelectionCounts();
        for (int i = 0; i < 4; i++) {
            counts.add(Map.of("risk-management", List.of("risk-register"), "legacy-assurance", List.of()));
        }

        Assembled hotspots = assemble(counts, Publication.PUBLIC_FILTERED);

        assertThat(hotspots.suppressed()).isTrue();
        assertThat(hotspots.totalResponses()).isNull();
        // Only the catalogue's own areas are listed: an extra id would tell that someone in the segment chose it.
        assertThat(hotspots.areas()).extracting(AreaHotspot::id)
                .containsExactly("portfolio-analysis", "benefits-management", "risk-management", "ppm-tools");
        assertThat(hotspots.areas()).allSatisfy(area -> {
            assertThat(area.suppressed()).isTrue();
            assertThat(area.count()).isNull();
            assertThat(area.percentage()).isNull();
            assertThat(area.rank()).isNull();
            assertThat(area.band()).isNull();
            assertThat(area.name()).isNotBlank();
            assertThat(area.tasks()).allSatisfy(task -> assertThat(task.count()).isNull());
        });
    }

    @Test
    void aFilteredAnswerHidesEveryCellBelowKAndRanksTheShownCellsAmongThemselves() {
        SelectionCounts counts = new SelectionCounts();
        for (int i = 0; i < 6; i++) {
            counts.add(Map.of("risk-management", i < 5 ? List.of("risk-register") : List.of("risk-workshops")));
        }
        counts.add(Map.of("ppm-tools", List.of()));

        Assembled hotspots = assemble(counts, Publication.PUBLIC_FILTERED);

        assertThat(hotspots.suppressed()).isFalse();
        assertThat(hotspots.totalResponses()).isEqualTo(7);
        assertThat(hotspots.areas()).extracting(AreaHotspot::id, AreaHotspot::count, AreaHotspot::rank,
                AreaHotspot::suppressed).containsExactly(
                tuple("risk-management", 6L, 1, false),
                tuple("ppm-tools", null, null, true),
                tuple("portfolio-analysis", 0L, 2, false),
                tuple("benefits-management", 0L, 2, false));
        assertThat(hotspots.areas().get(0).tasks()).extracting(TaskHotspot::id, TaskHotspot::count,
                TaskHotspot::suppressed).containsExactly(
                tuple("risk-register", 5L, false),
                tuple("risk-workshops", null, true));
        assertThat(hotspots.areas().get(1).percentage()).isNull();
        assertThat(hotspots.areas().get(1).band()).isNull();
    }

    @Test
    void unfilteredAndAdminAnswersSuppressNothing() {
        SelectionCounts counts = new SelectionCounts();
        counts.add(Map.of("ppm-tools", List.of("tool-administration")));

        for (Publication publication : List.of(Publication.UNFILTERED, Publication.ADMIN)) {
            Assembled hotspots = assemble(counts, publication);
            assertThat(hotspots.suppressed()).isFalse();
            assertThat(hotspots.totalResponses()).isEqualTo(1);
            assertThat(hotspots.areas().get(0)).extracting(AreaHotspot::id, AreaHotspot::count, AreaHotspot::suppressed)
                    .containsExactly("ppm-tools", 1L, false);
        }
    }

    @Test
    void idsCountedUnderAnotherVersionAreNamedAfterTheNewestVersionThatHasThem() {
        SelectionCounts counts = new SelectionCounts();
        counts.add(Map.of("legacy-assurance", List.of("legacy-audit"), "retired-area", List.of()));

        Assembled hotspots = assemble(counts, Publication.UNFILTERED);

        AreaHotspot legacy = hotspots.areas().get(0);
        assertThat(legacy.id()).isEqualTo("legacy-assurance");
        assertThat(legacy.name()).isEqualTo("Legacy assurance");
        assertThat(legacy.groupId()).isNull();
        assertThat(legacy.percentage()).isEqualTo(100.0);
        assertThat(legacy.tasks()).containsExactly(
                new TaskHotspot("legacy-audit", "Legacy audit", 1L, 100.0, 1, "core", false));
        assertThat(hotspots.areas().get(1).name()).isEqualTo("retired-area");
    }

    @Test
    void beforeAnyCatalogueOnlyCountedIdsAreListed() {
        SelectionCounts counts = new SelectionCounts();
        counts.add(Map.of("ppm-tools", List.of()));

        Assembled hotspots = assembler.assemble(counts, null, List.of(), Publication.UNFILTERED);

        assertThat(hotspots.areas()).extracting(AreaHotspot::id).containsExactly("ppm-tools");
    }

    @Test
    void percentagesAreRoundedToOneDecimal() {
        assertThat(HotspotsAssembler.percentage(1, 3)).isEqualTo(33.3);
        assertThat(HotspotsAssembler.percentage(2, 3)).isEqualTo(66.7);
        assertThat(HotspotsAssembler.percentage(1, 8)).isEqualTo(12.5);
        assertThat(HotspotsAssembler.percentage(0, 0)).isZero();
    }

    private Assembled assemble(SelectionCounts counts, Publication publication) {
        return assembler.assemble(counts, TestEvents.CATALOGUE_V2, VERSIONS, publication);
    }
}
