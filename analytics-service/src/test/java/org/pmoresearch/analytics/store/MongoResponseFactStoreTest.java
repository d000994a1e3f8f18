package org.pmoresearch.analytics.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.analytics.domain.CatalogueNotReadYetException;
import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.RecordPosition;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.data.mongodb.core.MongoTemplate;


import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bulk write of response facts, against a real MongoDB wire-protocol server. */
class MongoResponseFactStoreTest {

    @RegisterExtension
    static final MongoTestServer MONGO = MongoTestServer.start();
    private static final Instant SUBMITTED_AT = Instant.parse("2026-01-05T10:00:00.123Z");
    private static final RespondentProfile PROFILE = TestEvents.profile(Map.of("pmoType", "enterprise", "region", "europe"));

    private final MongoTemplate mongo = MONGO.template();
    private final CatalogueVersions catalogues = new CatalogueVersions();
    private final MongoResponseFactStore store = new MongoResponseFactStore(mongo, catalogues, Generation.FIRST);
    private final ResponseFacts facts = new ResponseFacts(mongo, catalogues);

    @Test
    void factsWrittenTogetherReadBackAsTheyWereAndAnswerProfileFilters() {
        ResponseFact submitted = fact(UUID.randomUUID(), new RecordPosition(3, 10),
                Map.of("risk-management", List.of("risk-register", "risk-workshops"), "ppm-tools", List.of()));
        ResponseFact tombstone = ResponseFact.tombstone(UUID.randomUUID().toString(), new RecordPosition(3, 11));

        List<Optional<ResponseFact>> existing = store.insertAllOrFindExisting(List.of(submitted, tombstone));

        assertThat(existing).containsExactly(Optional.empty(), Optional.empty());
        assertThat(store.find(submitted.responseId())).contains(submitted);
        assertThat(store.find(tombstone.responseId())).contains(tombstone);
        assertThat(facts.count(Generation.FIRST, Map.of("region", "europe"), 1).taskCount("risk-management",
                "risk-workshops")).isEqualTo(1);
        assertThat(facts.page(Generation.FIRST, null, 10, Map.of("pmoType", "enterprise"))).containsExactly(submitted);
    }

    @Test
    void selectionsAreStoredAsOneStringPerAreaAndFactsWithArraysReadTheSame() {
        ResponseFact submitted = fact(UUID.randomUUID(), new RecordPosition(1, 4),
                Map.of("risk-management", List.of("risk-register", "risk-workshops"), "ppm-tools", List.of()));
        store.insertOrFindExisting(submitted);
        String olderId = UUID.randomUUID().toString();
        mongo.save(new org.bson.Document("_id", olderId).append("partition", 1).append("offset", 5L)
                .append("catalogueVersion", 1).append("profile", new org.bson.Document("region", "europe"))
                .append("selections", new org.bson.Document("risk-management", List.of("risk-register"))
                        .append("ppm-tools", List.of()))
                .append("withdrawn", false), "response_facts");

        assertThat(mongo.getCollection("response_facts").find(new org.bson.Document("_id", submitted.responseId()))
                .first().get("selections", org.bson.Document.class))
                .containsEntry("risk-management", "risk-register risk-workshops")
                .containsEntry("ppm-tools", "");
        assertThat(store.find(submitted.responseId())).contains(submitted);
        assertThat(store.find(olderId).orElseThrow().selections())
                .isEqualTo(Map.of("risk-management", List.of("risk-register"), "ppm-tools", List.of()));
        assertThat(facts.count(Generation.FIRST, Map.of("region", "europe"), null).taskCount("risk-management",
                "risk-register")).isEqualTo(2);
    }

    @Test
    void factsAreStoredWithTheTypesTheMappingWrites() {
        ResponseFact submitted = fact(UUID.randomUUID(), new RecordPosition(2, 40), Map.of("ppm-tools", List.of("ppm-tool-admin")));
        store.insertOrFindExisting(submitted);

        org.bson.Document stored = mongo.getCollection("response_facts")
                .find(new org.bson.Document("_id", submitted.responseId())).first();
        assertThat(stored).isNotNull();
        assertThat(stored.keySet()).containsExactly("_id", "partition", "offset", "catalogueVersion", "submittedAt",
                "profile", "selections", "withdrawn");
        assertThat(stored.get("partition")).isEqualTo(2);
        assertThat(stored.get("offset")).isEqualTo(40L);
        assertThat(stored.get("catalogueVersion")).isEqualTo(1);
        assertThat(stored.get("submittedAt")).isEqualTo(java.util.Date.from(SUBMITTED_AT));
        assertThat(stored.get("profile", org.bson.Document.class))
                .isEqualTo(new org.bson.Document("pmoType", "enterprise").append("region", "europe"));
        assertThat(stored.get("withdrawn")).isEqualTo(false);
        assertThat(store.find(submitted.responseId())).contains(submitted);
    }

    @Test
    void selectionsToAKnownVersionAreStoredAsBitsAndReadBackInTheCataloguesOrder() {
        catalogues.add(TestEvents.CATALOGUE_V1);
        ResponseFact submitted = fact(UUID.randomUUID(), new RecordPosition(2, 41),
                Map.of("risk-management", List.of("risk-workshops", "risk-register"), "benefits-management", List.of()));
        store.insertOrFindExisting(submitted);

        org.bson.Document stored = mongo.getCollection("response_facts")
                .find(new org.bson.Document("_id", submitted.responseId())).first();
        assertThat(stored).isNotNull();
        assertThat(stored.keySet()).containsExactly("_id", "partition", "offset", "catalogueVersion", "submittedAt",
                "profile", "selectedAreas", "selectedTasks", "withdrawn");
        assertThat(stored.get("selectedAreas", org.bson.types.Binary.class).getData()).containsExactly(0b0110);
        assertThat(stored.get("selectedTasks", org.bson.types.Binary.class).getData()).containsExactly(0b11000);
        Map<String, List<String>> inCatalogueOrder = Map.of("benefits-management", List.of(),
                "risk-management", List.of("risk-register", "risk-workshops"));
        assertThat(store.find(submitted.responseId()).orElseThrow().selections()).isEqualTo(inCatalogueOrder);
        assertThat(facts.page(Generation.FIRST, null, 10, Map.of()).get(0).selections()).isEqualTo(inCatalogueOrder);
        assertThat(facts.count(Generation.FIRST, Map.of("region", "europe"), 1).taskCount("risk-management",
                "risk-workshops")).isEqualTo(1);
        assertThat(store.withdraw(submitted.responseId(), 50)).map(ResponseFact::selections).contains(inCatalogueOrder);
    }

    @Test
    void selectionsNamingAnIdTheVersionLacksAreStoredAsIds() {
        catalogues.add(TestEvents.CATALOGUE_V1);
        ResponseFact submitted = fact(UUID.randomUUID(), new RecordPosition(2, 42),
                Map.of("risk-management", List.of("risk-register", "risk-appetite")));
        store.insertOrFindExisting(submitted);

        org.bson.Document stored = mongo.getCollection("response_facts")
                .find(new org.bson.Document("_id", submitted.responseId())).first();
        assertThat(stored).isNotNull();
        assertThat(stored.keySet()).contains("selections").doesNotContain("selectedAreas", "selectedTasks");
        assertThat(store.find(submitted.responseId())).contains(submitted);
    }

    @Test
    void bitsOfAVersionNotReadYetCannotBeReadUntilItIs() {
        catalogues.add(TestEvents.CATALOGUE_V1);
        ResponseFact submitted = fact(UUID.randomUUID(), new RecordPosition(2, 43),
                Map.of("risk-management", List.of("risk-register")));
        store.insertOrFindExisting(submitted);
        CatalogueVersions justStarted = new CatalogueVersions();
        MongoResponseFactStore restarted = new MongoResponseFactStore(mongo, justStarted, Generation.FIRST);

        assertThatThrownBy(() -> restarted.find(submitted.responseId()))
                .isInstanceOfSatisfying(CatalogueNotReadYetException.class,
                        e -> assertThat(e.version()).isEqualTo(1));
        justStarted.add(TestEvents.CATALOGUE_V1);
        assertThat(restarted.find(submitted.responseId())).contains(submitted);
    }

    @Test
    void eachFactFindsWhatWasStoredUnderItsResponseIdBeforeIt() {
        UUID known = UUID.randomUUID();
        UUID repeated = UUID.randomUUID();
        ResponseFact stored = fact(known, new RecordPosition(7, 1), Map.of("ppm-tools", List.of()));
        store.insertOrFindExisting(stored);
        ResponseFact firstOfRepeated = fact(repeated, new RecordPosition(0, 5), Map.of("ppm-tools", List.of()));
        ResponseFact fresh = fact(UUID.randomUUID(), new RecordPosition(0, 8), Map.of("ppm-tools", List.of()));

        List<Optional<ResponseFact>> existing = store.insertAllOrFindExisting(List.of(
                firstOfRepeated,
                fact(known, new RecordPosition(0, 6), Map.of("risk-management", List.of())),
                fact(repeated, new RecordPosition(0, 7), Map.of("risk-management", List.of())),
                fresh,
                fact(known, new RecordPosition(0, 9), Map.of("risk-management", List.of()))));

        assertThat(existing).containsExactly(Optional.empty(), Optional.of(stored), Optional.of(firstOfRepeated),
                Optional.empty(), Optional.of(stored));
        assertThat(store.find(repeated.toString())).contains(firstOfRepeated);
        assertThat(store.find(known.toString())).contains(stored);
        assertThat(store.find(fresh.responseId())).contains(fresh);
    }

    @Test
    void aCountReadsTheFactsInBatchesThatFitInAReply() {
        List<BsonDocument> finds = new ArrayList<>();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(MONGO.uri()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("find")) {
                            finds.add(event.getCommand().clone());
                        }
                    }
                }).build())) {
            ResponseFacts counted = new ResponseFacts(new MongoTemplate(client, MongoTestServer.DATABASE), catalogues);
            for (int i = 0; i < 3; i++) {
                store.insertOrFindExisting(fact(UUID.randomUUID(), new RecordPosition(0, i),
                        Map.of("ppm-tools", List.of("ppm-selection"))));
            }

            assertThat(counted.count(Generation.FIRST, Map.of(), null).totalResponses()).isEqualTo(3);
        }

        assertThat(finds).singleElement().satisfies(find ->
                assertThat(find.getInt32("batchSize").getValue()).isEqualTo(ResponseFacts.COUNT_BATCH_SIZE));
    }

    private static ResponseFact fact(UUID responseId, RecordPosition position, Map<String, List<String>> selections) {
        return ResponseFact.submitted(responseId.toString(), position, 1, SUBMITTED_AT, PROFILE, selections);
    }
}
