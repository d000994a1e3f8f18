package org.pmoresearch.analytics.store;

import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.domain.SelectionCounts.AreaCount;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PackedCountsTest {

    @Test
    void setsPackedAgainstOneListOfNamesUnpackToTheSameCounts() {
        SelectionCounts all = SelectionCounts.restore(3, Map.of(
                "risk-management", new AreaCount(3, Map.of("risk-register", 3L, "risk-reviews", 1L)),
                "ppm-tools", new AreaCount(2, Map.of())));
        SelectionCounts segment = SelectionCounts.restore(1, Map.of(
                "benefits", new AreaCount(1, Map.of("benefits-tracking", 1L)),
                "risk-management", new AreaCount(1, Map.of("risk-reviews", 1L))));
        PackedCounts.Writer writer = new PackedCounts.Writer();

        Binary packedAll = writer.pack(all);
        Binary packedSegment = writer.pack(segment);
        List<String> names = writer.names();

        assertThat(names).containsExactlyInAnyOrder("risk-management", "risk-management/risk-register",
                "risk-management/risk-reviews", "ppm-tools", "benefits", "benefits/benefits-tracking");
        assertThat(PackedCounts.unpack(3, PackedCounts.Names.of(names), packedAll)).isEqualTo(all);
        assertThat(PackedCounts.unpack(1, PackedCounts.Names.of(names), packedSegment)).isEqualTo(segment);
        assertThat(PackedCounts.unpack(1, PackedCounts.Names.of(names), packedSegment.getData())).isEqualTo(segment);
    }

    /** As read from the store the names are strings of their own, not the ones the counts were made with. */
    @Test
    void unpackedNamesFindTheSameCountersAsTheIdsCounted() {
        SelectionCounts counted = new SelectionCounts();
        counted.add(Map.of("ppm-tools", List.of("licences")));
        PackedCounts.Writer writer = new PackedCounts.Writer();
        Binary packed = writer.pack(counted);
        List<String> names = writer.names().stream().map(name -> new String(name.toCharArray())).toList();

        SelectionCounts sum = PackedCounts.unpack(1, PackedCounts.Names.of(names), packed);
        sum.addAll(counted);

        assertThat(sum.areas()).isEqualTo(Map.of("ppm-tools", new AreaCount(2, Map.of("licences", 2L))));
    }

    @Test
    void largeAndNegativeCountersSurviveAndZeroesAreLeftOut() {
        SelectionCounts counts = SelectionCounts.restore(5_000_000_000L, Map.of(
                "governance", new AreaCount(5_000_000_000L, Map.of("stage-gates", -2L, "audits", 127L, "assurance", 128L))));
        PackedCounts.Writer writer = new PackedCounts.Writer();
        writer.pack(SelectionCounts.restore(1, Map.of("ppm-tools", new AreaCount(1, Map.of("licences", 1L)))));

        Binary packed = writer.pack(counts);
        SelectionCounts unpacked = PackedCounts.unpack(5_000_000_000L, PackedCounts.Names.of(writer.names()), packed);

        assertThat(unpacked).isEqualTo(counts);
        assertThat(unpacked.areaCount("ppm-tools")).isZero();
        assertThat(unpacked.taskCount("governance", "stage-gates")).isEqualTo(-2);
    }

    @Test
    void emptyCountsPackToNothing() {
        PackedCounts.Writer writer = new PackedCounts.Writer();

        Binary packed = writer.pack(new SelectionCounts());

        assertThat(packed.getData()).isEmpty();
        assertThat(PackedCounts.unpack(0, PackedCounts.Names.of(writer.names()), packed).isEmpty()).isTrue();
    }

    @Test
    void aSetThatDoesNotMatchItsNamesIsRefused() {
        PackedCounts.Writer writer = new PackedCounts.Writer();
        Binary packed = writer.pack(SelectionCounts.restore(1, Map.of("ppm-tools", new AreaCount(1, Map.of("licences", 1L)))));

        assertThatIllegalStateException().isThrownBy(() -> PackedCounts.unpack(1, PackedCounts.Names.of(List.of("ppm-tools")), packed))
                .withMessageContaining("more counters than the 1 names");
        assertThatIllegalStateException().isThrownBy(() -> PackedCounts.unpack(1, PackedCounts.Names.of(writer.names()), new byte[] {(byte) 0x80}))
                .withMessageContaining("ends inside a counter");
        assertThatIllegalStateException().isThrownBy(() -> PackedCounts.unpack(1, PackedCounts.Names.of(writer.names()), null))
                .withMessageContaining("missing");
    }
}
