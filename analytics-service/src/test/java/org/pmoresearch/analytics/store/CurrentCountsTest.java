package org.pmoresearch.analytics.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.HotspotCounts;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The public totals, summed from the partitions' documents in a real MongoDB wire-protocol server. */
class CurrentCountsTest {

    @RegisterExtension
    static final MongoTestServer MONGO = MongoTestServer.start();
    private static final String TOPIC = "responses";
    private static final Map<String, List<String>> RISK = Map.of("risk-management", List.of("risk-register"));

    private final List<BsonDocument> countsReads = new CopyOnWriteArrayList<>();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(MONGO.uri()))
            .addCommandListener(countsReadsInto(countsReads))
            .build());
    private final MongoTemplate mongo = new MongoTemplate(client, MongoTestServer.DATABASE);
    private final PartitionCountsStore partitions = new PartitionCountsStore(mongo);
    private final CurrentCounts current = new CurrentCounts(new ActiveGeneration(new AnalyticsStateStore(mongo)),
            partitions);

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void theTotalsAreTheSumOfEveryPartitionOfTheActiveGeneration() {
        for (int partition = 0; partition < 3; partition++) {
            addResponse(partition);
        }

        HotspotCounts sum = current.snapshot().counts();

        assertThat(sum.all().totalResponses()).isEqualTo(3);
        assertThat(sum.all().taskCount("risk-management", "risk-register")).isEqualTo(3);
        assertThat(sum.segment("pmoType", "enterprise").totalResponses()).isEqualTo(3);
        assertThat(current.snapshot().version()).isEqualTo("1-3");
    }

    @Test
    void onlyThePartitionsStoredSinceTheLastReadAreReadAgain() {
        for (int partition = 0; partition < 3; partition++) {
            addResponse(partition);
        }
        CurrentCounts.Snapshot before = current.snapshot();
        addResponse(1);
        countsReads.clear();

        CurrentCounts.Snapshot after = current.snapshot();

        assertThat(after.counts().all().totalResponses()).isEqualTo(4);
        assertThat(after.counts().segment("pmoType", "enterprise").totalResponses()).isEqualTo(4);
        assertThat(before.counts().all().totalResponses()).isEqualTo(3);
        assertThat(countsReads).hasSize(2);
        assertThat(countsReads.get(1).toJson()).contains("\"partition\": {\"$in\": [1]}");
    }

    @Test
    void whileNothingIsStoredTheSameSnapshotIsServedAfterOneSmallQuery() {
        addResponse(0);
        CurrentCounts.Snapshot first = current.snapshot();
        countsReads.clear();

        assertThat(current.snapshot()).isSameAs(first);
        assertThat(countsReads).hasSize(1);
        assertThat(countsReads.get(0).toJson()).contains("\"projection\"");
    }

    @Test
    void aSumUpdatedForTheChangedPartitionsIsTheSumOfThemAll() {
        Random random = new Random(17);
        for (int partition = 0; partition < 12; partition++) {
            change(partition, random, 3);
        }
        CurrentCounts.Snapshot previous = current.snapshot();
        for (int read = 0; read < 30; read++) {
            HotspotCounts previousCounts = previous.counts().copy();
            int changedPartitions = 1 + random.nextInt(read % 3 == 0 ? 12 : 3);
            for (int i = 0; i < changedPartitions; i++) {
                change(random.nextInt(12), random, 2);
            }

            CurrentCounts.Snapshot updated = current.snapshot();

            HotspotCounts everyPartition = new CurrentCounts(new ActiveGeneration(new AnalyticsStateStore(mongo)),
                    partitions).snapshot().counts();
            assertThat(updated.counts().all()).isEqualTo(everyPartition.all());
            assertThat(updated.counts().segments()).isEqualTo(everyPartition.segments());
            assertThat(previous.counts().all()).isEqualTo(previousCounts.all());
            assertThat(previous.counts().segments()).isEqualTo(previousCounts.segments());
            previous = updated;
        }
        assertThat(previous.counts().all().totalResponses()).isPositive();
    }

    /** Adds responses to the partition and, now and then, withdraws one of them again. */
    private void change(int partition, Random random, int responses) {
        String[] types = {"enterprise", "business-unit", null};
        List<Map<String, List<String>>> selections = List.of(RISK,
                Map.of("ppm-tools", List.of()),
                Map.of("risk-management", List.of("risk-register", "risk-reviews"), "reporting", List.of("dashboards")));
        PartitionCounts counts = partitions.load(Generation.FIRST, TOPIC, partition);
        for (int i = 0; i < responses; i++) {
            Map<String, String> segments = TestEvents.DIMENSIONS.segmentsOf(new RespondentProfile(
                    types[random.nextInt(types.length)], null, null, null, null, null, null, null));
            Map<String, List<String>> selected = selections.get(random.nextInt(selections.size()));
            counts.counts().add(segments, selected);
            if (random.nextInt(4) == 0) {
                counts.counts().subtract(segments, selected);
            }
        }
        counts.advanceTo(counts.lastOffset() + 1);
        partitions.save(counts);
    }

    private void addResponse(int partition) {
        PartitionCounts counts = partitions.load(Generation.FIRST, TOPIC, partition);
        counts.counts().add(TestEvents.DIMENSIONS.segmentsOf(
                new RespondentProfile("enterprise", null, null, null, null, null, null, null)), RISK);
        counts.advanceTo(counts.lastOffset() + 1);
        partitions.save(counts);
    }

    /** Collects every find on the generation's partition documents. */
    private static CommandListener countsReadsInto(List<BsonDocument> reads) {
        return new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")
                        && event.getCommand().getString("find").getValue().equals(Generation.FIRST.countsCollection())) {
                    reads.add(event.getCommand().clone());
                }
            }
        };
    }
}
