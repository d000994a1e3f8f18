package org.pmoresearch.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

    @Test
    void percentilesFollowTheNearestRankMethod() {
        Stats stats = Stats.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

        assertThat(stats.percentile(50)).isEqualTo(50);
        assertThat(stats.percentile(95)).isEqualTo(95);
        assertThat(stats.percentile(99)).isEqualTo(99);
        assertThat(stats.percentile(99.9)).isEqualTo(100);
        assertThat(stats.percentile(100)).isEqualTo(100);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(50.5);
    }

    @Test
    void aSmallSampleReportsItsWorstValueAsTheHighPercentiles() {
        Stats stats = Stats.of(new long[] {7, 3, 1000});

        assertThat(stats.percentile(50)).isEqualTo(7);
        assertThat(stats.percentile(99)).isEqualTo(1000);
        assertThat(stats.count()).isEqualTo(3);
    }

    @Test
    void theInputArrayIsLeftAsItWas() {
        long[] values = {3, 1, 2};

        Stats.of(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void noMeasurementsHaveNoPercentiles() {
        Stats stats = Stats.of(new long[0]);

        assertThat(stats.isEmpty()).isTrue();
        assertThatThrownBy(() -> stats.percentile(50)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPercentileOutsideTheRangeIsRejected() {
        Stats stats = Stats.of(new long[] {1});

        assertThatThrownBy(() -> stats.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
