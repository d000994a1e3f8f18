package org.pmoresearch.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HostileInputReportTest {

    @Test
    void findingsAreListedOnceEachWithHowOftenTheyHappened() {
        HostileInput.Report report = report(List.of("GET /a → 503", "GET /a → 503", "GET /b → 500"),
                List.of("stack trace in GET /c", "stack trace in GET /c", "stack trace in GET /c"));

        assertThat(report.findings()).containsExactly(
                "5xx: GET /a → 503 (× 2)",
                "5xx: GET /b → 500",
                "leak: stack trace in GET /c (× 3)");
    }

    @Test
    void atMostTheFirstDistinctFindingsAreListed() {
        List<String> distinct = IntStream.range(0, 50).mapToObj(i -> "GET /" + i + " → 500").toList();

        assertThat(report(distinct, List.of()).findings())
                .hasSize(HostileInput.LISTED_FINDINGS)
                .startsWith("5xx: GET /0 → 500");
    }

    private static HostileInput.Report report(List<String> validServerErrors, List<String> leaks) {
        return new HostileInput.Report(new HostileInput.Settings(0, 0, 1, 42), Duration.ZERO, Map.of(), 0, Map.of(), 0,
                validServerErrors, 0, List.of(), 0, 0, 0, Map.of(), leaks, Map.of(), List.of());
    }
}
