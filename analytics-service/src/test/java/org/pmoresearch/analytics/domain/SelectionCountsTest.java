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

    /** A response's ids, as parsed from its event, are looked up as the canonical strings the stored counts hold. */
    @Test
    void distinctTasksAreCanonicalStrings() {
        String areaId = new String("risk-management".toCharArray());
        String taskId = new String("risk-register".toCharArray());

        var distinct = SelectionCounts.distinctTasks(Map.of(areaId, List.of(taskId, new String(taskId.toCharArray()))));

        assertThat(distinct.keySet().iterator().next()).isSameAs("risk-management");
        assertThat(distinct.get("risk-management")).singleElement().isSameAs("risk-register");
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
