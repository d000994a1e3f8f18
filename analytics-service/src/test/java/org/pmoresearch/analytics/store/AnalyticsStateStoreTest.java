package org.pmoresearch.analytics.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.store.AnalyticsStateStore.RebuildState;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared bookkeeping: which generation is active, and the rebuild lock. */
class AnalyticsStateStoreTest {

    @RegisterExtension
    static final MongoTestServer MONGO = MongoTestServer.start();
    private static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private final MongoTemplate mongo = MONGO.template();
    private final AnalyticsStateStore state = new AnalyticsStateStore(mongo);

    @Test
    void theFirstGenerationIsActiveUntilAnotherIsActivated() {
        assertThat(state.activeGeneration()).isEqualTo(Generation.FIRST);

        assertThat(state.activate(Generation.FIRST, new Generation(2))).isTrue();
        assertThat(state.activeGeneration()).isEqualTo(new Generation(2));
        assertThat(state.activate(new Generation(2), new Generation(3))).isTrue();
        assertThat(state.activeGeneration()).isEqualTo(new Generation(3));
    }

    @Test
    void aSwitchFromAGenerationThatIsNoLongerActiveIsRefused() {
        state.activate(Generation.FIRST, new Generation(2));

        assertThat(state.activate(Generation.FIRST, new Generation(2))).isFalse();
        assertThat(state.activate(new Generation(3), new Generation(4))).isFalse();
        assertThat(state.activeGeneration()).isEqualTo(new Generation(2));
    }

    @Test
    void onlyOneRebuildRunsAtATime() {
        Instant now = Instant.now();
        RebuildState first = RebuildState.running("first", new Generation(2), now);
        RebuildState second = RebuildState.running("second", new Generation(2), now);

        assertThat(state.tryStartRebuild(first, STALE_AFTER)).isTrue();
        assertThat(state.tryStartRebuild(second, STALE_AFTER)).isFalse();
        assertThat(state.rebuild()).hasValueSatisfying(stored -> assertThat(stored.rebuildId()).isEqualTo("first"));

        state.updateRebuild(first.completed(42, Instant.now()));
        assertThat(state.rebuild()).hasValueSatisfying(stored -> {
            assertThat(stored.status()).isEqualTo(RebuildState.COMPLETED);
            assertThat(stored.eventsApplied()).isEqualTo(42);
            assertThat(stored.completedAt()).isNotNull();
        });
        assertThat(state.tryStartRebuild(second, STALE_AFTER)).isTrue();
        assertThat(state.rebuild()).hasValueSatisfying(stored -> {
            assertThat(stored.rebuildId()).isEqualTo("second");
            assertThat(stored.status()).isEqualTo(RebuildState.RUNNING);
            assertThat(stored.completedAt()).isNull();
        });
    }

    @Test
    void aRebuildWhoseInstanceStoppedReportingIsTakenOver() {
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        state.tryStartRebuild(RebuildState.running("dead", new Generation(2), longAgo), STALE_AFTER);

        assertThat(state.tryStartRebuild(RebuildState.running("next", new Generation(2), Instant.now()), STALE_AFTER))
                .isTrue();
        // The dead rebuild's late progress no longer lands.
        state.updateRebuild(RebuildState.running("dead", new Generation(2), longAgo).progressed(7, Instant.now()));
        assertThat(state.rebuild()).hasValueSatisfying(stored -> {
            assertThat(stored.rebuildId()).isEqualTo("next");
            assertThat(stored.eventsApplied()).isZero();
        });
    }
}
