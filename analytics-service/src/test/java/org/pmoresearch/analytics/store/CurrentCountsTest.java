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
        assertThat(current.snapshot().version()).isEqualTo(current.version()).isEqualTo("1-3");
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
