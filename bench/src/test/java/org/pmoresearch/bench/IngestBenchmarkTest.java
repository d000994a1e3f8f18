package org.pmoresearch.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestBenchmarkTest {

    @Test
    void theWarmUpRunsAtFiveHundredASecondUnlessAMeasuredRateIsLower() {
        assertThat(IngestBenchmark.defaultWarmupRate(List.of(500, 1000, 2000, 3000))).isEqualTo(500);
        assertThat(IngestBenchmark.defaultWarmupRate(List.of(2000))).isEqualTo(500);
        assertThat(IngestBenchmark.defaultWarmupRate(List.of(3000, 300))).isEqualTo(300);
        assertThat(IngestBenchmark.defaultWarmupRate(List.of(200))).isEqualTo(200);
    }
}
