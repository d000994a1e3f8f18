package org.pmoresearch.analytics.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.domain.SelectionCounts.AreaCount;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SelectionCountsTest {

    @Test
    void addingAResponseCountsItOnceInEachSelectedAreaAndTask() {
        SelectionCounts counts = new SelectionCounts();

        counts.add(Map.of("risk-management", List.of("risk-register", "risk-register"), "ppm-tools", List.of()));

        assertThat(counts.totalResponses()).isEqualTo(1);
        assertThat(counts.areaCount("risk-management")).isEqualTo(1);
        assertThat(counts.taskCount("risk-management", "risk-register")).isEqualTo(1);
        assertThat(counts.areaCount("ppm-tools")).isEqualTo(1);
        assertThat(counts.areas().get("ppm-tools").tasks()).isEmpty();
    }

    @Test
    void subtractingTheOnlyResponseLeavesNoAreaBehind() {
        SelectionCounts counts = new SelectionCounts();
        Map<String, List<String>> selections = Map.of("risk-management", List.of("risk-register"));

        counts.add(selections);
        counts.subtract(selections);

        assertThat(counts.totalResponses()).isZero();
        assertThat(counts.areas()).isEmpty();
    }

    /** A response's ids, as parsed from its event, find the counters the stored counts hold: equal ids, one counter. */
    @Test
    void aSelectionFindsTheCountersOfEqualIdsAndNamesEachOnce() {
        SelectionCounts stored = SelectionCounts.restore(1, Map.of("risk-management",
                new AreaCount(1, Map.of("risk-register", 1L))));
        String areaId = new String("risk-management".toCharArray());
        String taskId = new String("risk-register".toCharArray());

        SelectionCounts.Selection selection = SelectionCounts.selection(
                Map.of(areaId, List.of(taskId, new String(taskId.toCharArray()))));
        stored.apply(selection, 2);

        assertThat(stored.totalResponses()).isEqualTo(3);
        assertThat(stored.areas()).containsOnlyKeys("risk-management");
        assertThat(stored.areas().get("risk-management")).isEqualTo(new AreaCount(3, Map.of("risk-register", 3L)));
    }

    @Test
    void countsKeepTheirOwnCountersWhileOthersBringNewIds() {
        SelectionCounts early = new SelectionCounts();
        early.add(Map.of("governance", List.of("stage-gates")));
        SelectionCounts later = new SelectionCounts();
        later.add(Map.of("governance", List.of("stage-gates", "audits-" + System.nanoTime()),
                "area-" + System.nanoTime(), List.of()));

        SelectionCounts sum = new SelectionCounts();
        sum.addAll(early);
        sum.addAll(later);
        sum.subtractAll(later);

        assertThat(sum).isEqualTo(early);
        assertThat(sum.areas()).isEqualTo(Map.of("governance", new AreaCount(1, Map.of("stage-gates", 1L))));
        assertThat(early.taskCount("governance", "audits")).isZero();
        assertThat(early.areaCount("never-counted")).isZero();
    }

    @Test
    void restoredAndSummedCountsAddUp() {
        SelectionCounts first = SelectionCounts.restore(3, Map.of("risk-management",
                new AreaCount(2, Map.of("risk-register", 2L))));
        SelectionCounts second = SelectionCounts.restore(2, Map.of("risk-management",
                new AreaCount(1, Map.of("risk-workshops", 1L)), "ppm-tools", new AreaCount(2, Map.of())));

        SelectionCounts sum = new SelectionCounts();
        sum.addAll(first);
        sum.addAll(second);

        assertThat(sum.totalResponses()).isEqualTo(5);
        assertThat(sum.areaCount("risk-management")).isEqualTo(3);
        assertThat(sum.taskCount("risk-management", "risk-register")).isEqualTo(2);
        assertThat(sum.taskCount("risk-management", "risk-workshops")).isEqualTo(1);
        assertThat(sum.areaCount("ppm-tools")).isEqualTo(2);
    }
}
