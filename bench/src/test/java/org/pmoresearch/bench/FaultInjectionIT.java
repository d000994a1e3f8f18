package org.pmoresearch.bench;

import org.junit.jupiter.api.Order;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault-injection run at a short size: one SIGKILL of analytics-service, Kafka stopped and started, the
 * store stopped and started, survey-service restarted, all under a steady load; then what was acknowledged
 * is compared with what was counted. Runs last: it breaks the platform the other reliability tests share.
 */
@Order(3)
class FaultInjectionIT {

    @Test
    void everyAcknowledgedResponseIsCountedExactlyOnceThroughKillsAndRestarts() throws Exception {
        FaultInjection.Settings shortRun = new FaultInjection.Settings(20, Duration.ofSeconds(3), Duration.ofSeconds(3), 1,
                Duration.ofMinutes(3));
        Path log = Path.of("target", "fault-injection-it-submissions.log");

        PlatformUnderTest platform = SharedPlatform.get();
        FaultInjection.Outcome outcome = FaultInjection.run(platform, shortRun, log);
        String keptData = platform.embedded().map(embedded -> embedded.dataDir().toString()).orElse("-");

        assertThat(outcome.faults()).extracting(result -> result.fault().breakCommand())
                .containsExactly("kill analytics-service", "stop kafka", "stop mongo", "restart survey-service");
        assertThat(outcome.faults()).allSatisfy(result -> assertThat(result.recoveredIn()).isPresent());
        assertThat(outcome.acknowledged()).isPositive();
        // Kafka was down for 3 s at 20/s: some submissions must have been answered 503, or the fault did not bite.
        assertThat(outcome.outcomes()).containsKey("503");
        assertThat(outcome.lost()).as("acknowledged, not counted (their answers are in %s, the platform's data and logs in %s): %s",
                        log, keptData, outcome.lostTrail())
                .isZero();
        assertThat(outcome.doubled()).isZero();
        assertThat(outcome.rejectedButCounted()).isZero();
        assertThat(outcome.countedOfAcknowledged()).isEqualTo(outcome.acknowledged());
        assertThat(outcome.cellMismatches()).isEmpty();
        assertThat(outcome.unhealthy()).isEmpty();

        // What a lost response's trail would say, shown on one that was acknowledged: one record, none dead-lettered.
        String acknowledgedId;
        try (Stream<String> answers = Files.lines(log)) {
            acknowledgedId = answers.filter(answer -> answer.endsWith(" 202")).findFirst().orElseThrow().split(" ")[1];
        }
        assertThat(FaultInjection.trail(platform, List.of(acknowledgedId))).singleElement(InstanceOfAssertFactories.STRING)
                .matches(Pattern.quote(acknowledgedId) + ": pmo\\.survey-responses\\.v1 \\[\\d+@\\d+], pmo\\.survey-responses\\.v1\\.dlq \\[]");
    }
}
