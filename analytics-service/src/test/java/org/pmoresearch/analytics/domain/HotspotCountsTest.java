package org.pmoresearch.analytics.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.contracts.RespondentProfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Segment arithmetic: every response adds to the totals and to one segment per answered dimension. */
class HotspotCountsTest {

    private static final ProfileDimensions DIMENSIONS = TestEvents.DIMENSIONS;
    private static final Map<String, List<String>> RISK = Map.of("risk-management", List.of("risk-register"));
    private static final Map<String, List<String>> TOOLS = Map.of("ppm-tools", List.of());

    @Test
    void aResponseCountsInOneSegmentPerAnsweredDimension() {
        HotspotCounts counts = new HotspotCounts();

        counts.add(segments("enterprise", "pmo-manager", null), RISK);
        counts.add(segments("enterprise", null, "uk-ireland"), TOOLS);
        counts.add(segments(null, null, null), RISK);

        assertThat(counts.all().totalResponses()).isEqualTo(3);
        assertThat(counts.segment("pmoType", "enterprise").totalResponses()).isEqualTo(2);
        assertThat(counts.segment("pmoType", "enterprise").areaCount("risk-management")).isEqualTo(1);
        assertThat(counts.segment("role", "pmo-manager").taskCount("risk-management", "risk-register")).isEqualTo(1);
        assertThat(counts.segment("region", "uk-ireland").areaCount("ppm-tools")).isEqualTo(1);
        assertThat(counts.segment("region", "europe").totalResponses()).isZero();
        assertThat(counts.segments()).containsOnlyKeys("pmoType", "role", "region");
    }

    @Test
    void theSegmentsOfADimensionPlusTheUnansweredAddUpToTheTotal() {
        HotspotCounts counts = new HotspotCounts();
        counts.add(segments("enterprise", null, null), RISK);
        counts.add(segments("business-unit", null, null), RISK);
        counts.add(segments("business-unit", null, null), TOOLS);
        counts.add(segments(null, null, null), TOOLS);

        long answered = counts.segments().get("pmoType").values().stream()
                .mapToLong(SelectionCounts::totalResponses).sum();
        long answeredRisk = counts.segments().get("pmoType").values().stream()
                .mapToLong(segment -> segment.areaCount("risk-management")).sum();

        assertThat(answered).isEqualTo(3);
        assertThat(answered + 1).isEqualTo(counts.all().totalResponses());
        assertThat(answeredRisk).isEqualTo(counts.all().areaCount("risk-management"));
    }

    @Test
    void subtractingEveryResponseOfASegmentLeavesNoTraceOfIt() {
        HotspotCounts counts = new HotspotCounts();
        counts.add(segments("enterprise", "consultant", null), RISK);
        counts.add(segments("enterprise", null, null), TOOLS);

        counts.subtract(segments("enterprise", "consultant", null), RISK);

        assertThat(counts.segments()).containsOnlyKeys("pmoType");
        assertThat(counts.segment("pmoType", "enterprise").totalResponses()).isEqualTo(1);
        assertThat(counts.segment("pmoType", "enterprise").areaCount("risk-management")).isZero();
    }

    @Test
    void summingPartitionsSumsTheirSegments() {
        HotspotCounts first = new HotspotCounts();
        first.add(segments("enterprise", null, null), RISK);
        HotspotCounts second = new HotspotCounts();
        second.add(segments("enterprise", null, null), TOOLS);
        second.add(segments("centre-of-excellence", null, null), TOOLS);

        HotspotCounts sum = new HotspotCounts();
        sum.addAll(first);
        sum.addAll(second);

        assertThat(sum.all().totalResponses()).isEqualTo(3);
        assertThat(sum.segment("pmoType", "enterprise").totalResponses()).isEqualTo(2);
        assertThat(sum.segment("pmoType", "centre-of-excellence").areaCount("ppm-tools")).isEqualTo(1);
        assertThat(HotspotCounts.restore(sum.all(), sum.segments()).segments()).isEqualTo(sum.segments());
    }

    @Test
    void restoringLeavesOutEmptySegments() {
        HotspotCounts stored = new HotspotCounts();
        stored.add(segments("enterprise", null, null), RISK);
        Map<String, Map<String, SelectionCounts>> segments = new LinkedHashMap<>(stored.segments());
        segments.put("role", Map.of("consultant", new SelectionCounts()));

        HotspotCounts restored = HotspotCounts.restore(stored.all(), segments);

        assertThat(restored.segments()).containsOnlyKeys("pmoType");
        assertThat(restored.segment("pmoType", "enterprise").areaCount("risk-management")).isEqualTo(1);
    }

    @Test
    void onlyAllowedProfileValuesMakeSegments() {
        RespondentProfile profile = new RespondentProfile("enterprise", "astronaut", null, "europe", null, null, null,
                "freelance");

        assertThat(DIMENSIONS.segmentsOf(profile))
                .containsExactly(Map.entry("pmoType", "enterprise"), Map.entry("region", "europe"),
                        Map.entry("employment", "freelance"));
        assertThat(DIMENSIONS.segmentsOf(null)).isEmpty();
        assertThat(DIMENSIONS.ids()).containsExactly("pmoType", "role", "sector", "region", "organisationSize",
                "pmoHeadcount", "yearsInPmo", "employment");
    }

    private static Map<String, String> segments(String pmoType, String role, String region) {
        return DIMENSIONS.segmentsOf(new RespondentProfile(pmoType, role, null, region, null, null, null, null));
    }
}
