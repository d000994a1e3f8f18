package org.pmoresearch.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VisibilityLatencyTest {

    private static final long MS = 1_000_000;

    @Test
    void theKthAcceptedResponseIsVisibleWhenTheTotalFirstReachesBasePlusK() {
        Load.Result result = result(
                new Load.Completion(0, 5 * MS, "202"),
                new Load.Completion(10 * MS, 14 * MS, "202"),
                new Load.Completion(20 * MS, 22 * MS, "503"),
                new Load.Completion(30 * MS, 31 * MS, "202"));
        List<TotalsObserver.Observation> observations = List.of(
                new TotalsObserver.Observation(40 * MS, 100),
                new TotalsObserver.Observation(50 * MS, 101),
                new TotalsObserver.Observation(60 * MS, 103));

        List<Long> latencies = PipelineLatencyBenchmark.visibilityLatencies(result, 100, observations);

        assertThat(latencies).containsExactly(50 * MS, 50 * MS, 30 * MS);
    }

    @Test
    void aTotalSeenBeforeASubmissionWasSentDoesNotCountForIt() {
        Load.Result result = result(
                new Load.Completion(0, 1 * MS, "202"),
                new Load.Completion(100 * MS, 101 * MS, "202"));
        List<TotalsObserver.Observation> observations = List.of(
                new TotalsObserver.Observation(50 * MS, 12),
                new TotalsObserver.Observation(150 * MS, 12));

        List<Long> latencies = PipelineLatencyBenchmark.visibilityLatencies(result, 10, observations);

        assertThat(latencies).containsExactly(50 * MS, 50 * MS);
    }

    @Test
    void responsesNeverSeenAreLeftOut() {
        Load.Result result = result(new Load.Completion(0, 1 * MS, "202"), new Load.Completion(2 * MS, 3 * MS, "202"));

        List<Long> latencies = PipelineLatencyBenchmark.visibilityLatencies(result, 0,
                List.of(new TotalsObserver.Observation(10 * MS, 1)));

        assertThat(latencies).containsExactly(10 * MS);
    }

    private static Load.Result result(Load.Completion... completions) {
        return new Load.Result(100, Duration.ofSeconds(1), 0, 0, 0, "202", List.of(completions));
    }
}
