package org.pmoresearch.analytics.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.HotspotCounts;
import org.pmoresearch.analytics.domain.RecordPosition;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.store.CurrentCounts;
import org.pmoresearch.analytics.store.ResponseFacts;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Answers counted from the facts of a real MongoDB wire-protocol server, read once per version of the counts. */
class CountsFromFactsTest {

    @RegisterExtension
    static final MongoTestServer MONGO = MongoTestServer.start();
    private static final Map<String, String> EUROPE = Map.of("region", "europe");

    private final MongoTemplate mongo = MONGO.template();
    private final ReadCountingFacts facts = new ReadCountingFacts(mongo);
    private final CountsFromFacts counts = new CountsFromFacts(facts);
    private long offset;

    @Test
    void theSameQuestionInTheSameVersionIsReadOnce() {
        store("europe", "risk-register");
        store("africa", "risk-register");

        SelectionCounts first = counts.count(snapshot("1-10"), EUROPE, null);
        SelectionCounts again = counts.count(snapshot("1-10"), Map.of("region", "europe"), null);

        assertThat(again).isSameAs(first);
        assertThat(first.totalResponses()).isEqualTo(1);
        assertThat(facts.reads.get()).isEqualTo(1);
    }

    @Test
    void aNewVersionIsReadAgainAndIncludesWhatWasCountedSince() {
        store("europe", "risk-register");
        assertThat(counts.count(snapshot("1-10"), EUROPE, null).totalResponses()).isEqualTo(1);

        store("europe", "risk-workshops");
        SelectionCounts after = counts.count(snapshot("1-11"), EUROPE, null);

        assertThat(after.totalResponses()).isEqualTo(2);
        assertThat(after.taskCount("risk-management", "risk-workshops")).isEqualTo(1);
        assertThat(facts.reads.get()).isEqualTo(2);
    }

    @Test
    void otherFiltersOrAnotherCatalogueVersionAreOtherQuestions() {
        store("europe", "risk-register");

        counts.count(snapshot("1-10"), EUROPE, null);
        counts.count(snapshot("1-10"), EUROPE, 1);
        counts.count(snapshot("1-10"), Map.of("region", "europe", "pmoType", "enterprise"), null);
        counts.count(snapshot("1-10"), Map.of(), 1);

        assertThat(facts.reads.get()).isEqualTo(4);
    }

    @Test
    void askersAtTheSameMomentWaitForOneRead() throws Exception {
        store("europe", "risk-register");
        facts.holdNextRead();

        CompletableFuture<SelectionCounts> first = CompletableFuture.supplyAsync(
                () -> counts.count(snapshot("1-10"), EUROPE, null));
        assertThat(facts.readStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<SelectionCounts> second = CompletableFuture.supplyAsync(
                () -> counts.count(snapshot("1-10"), EUROPE, null));
        facts.release.countDown();

        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> first.isDone() && second.isDone());
        assertThat(second.get()).isSameAs(first.get());
        assertThat(facts.reads.get()).isEqualTo(1);
    }

    @Test
    void aFailedReadIsNotKept() {
        store("europe", "risk-register");
        facts.failNextRead();

        assertThatThrownBy(() -> counts.count(snapshot("1-10"), EUROPE, null)).isInstanceOf(IllegalStateException.class);
        assertThat(counts.count(snapshot("1-10"), EUROPE, null).totalResponses()).isEqualTo(1);
        assertThat(facts.reads.get()).isEqualTo(2);
    }

    @Test
    void atMostAFixedNumberOfAnswersAreKept() {
        store("europe", "risk-register");
        for (int i = 0; i <= CountsFromFacts.MAX_KEPT; i++) {
            counts.count(snapshot("1-10"), Map.of("region", "r" + i), null);
        }
        counts.count(snapshot("1-10"), Map.of("region", "r0"), null);

        assertThat(facts.reads.get()).isEqualTo(CountsFromFacts.MAX_KEPT + 2);
    }

    private void store(String region, String task) {
        ResponseFact fact = ResponseFact.submitted(UUID.randomUUID().toString(), new RecordPosition(0, offset++), 1,
                Instant.parse("2026-11-27T12:00:00Z"), TestEvents.profile(Map.of("region", region)),
                Map.of("risk-management", List.of(task)));
        facts.store(Generation.FIRST).insertOrFindExisting(fact);
    }

    private static CurrentCounts.Snapshot snapshot(String version) {
        return new CurrentCounts.Snapshot(version, Generation.FIRST, new HotspotCounts());
    }

    /** The real facts over the wire, counting its reads; a read can be held or made to fail once. */
    private static final class ReadCountingFacts extends ResponseFacts {
        private final AtomicInteger reads = new AtomicInteger();
        private final CountDownLatch readStarted = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean hold;
        private volatile boolean fail;

        ReadCountingFacts(MongoTemplate mongo) {
            super(mongo, new CatalogueVersions());
        }

        void holdNextRead() {
            hold = true;
        }

        void failNextRead() {
            fail = true;
        }

        @Override
        public SelectionCounts count(Generation generation, Map<String, String> profileFilters,
                Integer catalogueVersion) {
            reads.incrementAndGet();
            if (fail) {
                fail = false;
                throw new IllegalStateException("the store is unavailable");
            }
            if (hold) {
                hold = false;
                readStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.count(generation, profileFilters, catalogueVersion);
        }
    }
}
