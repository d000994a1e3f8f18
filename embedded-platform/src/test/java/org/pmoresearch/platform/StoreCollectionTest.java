package org.pmoresearch.platform;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's store answers every query exactly as mongo-java-server's own H2 backend does, for the same
 * documents: the plain backend is the reference, both run over the wire side by side.
 */
class StoreCollectionTest {

    @TempDir
    Path temporary;

    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();
    private MongoCollection<Document> reference;
    private MongoCollection<Document> store;

    @BeforeEach
    void startBoth() {
        reference = collection(new H2Backend(temporary.resolve("reference.mv.db").toString()));
        store = collection(StoreBackend.open(temporary.resolve("store.mv.db")));
    }

    @AfterEach
    void stopBoth() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdown);
    }

    @Test
    void pagesOfUuidsInIdOrderAreTheBackendsPages() {
        insertIntoBoth(facts(2_000, new Random(7)));

        List<String> firstPage = ids(query(c -> c.find(Filters.eq("withdrawn", false)).sort(Sorts.ascending("_id"))
                .limit(100)));
        assertThat(firstPage).hasSize(100).isSorted();

        String after = firstPage.get(99);
        for (Bson bound : List.of(Filters.gt("_id", after), Filters.gte("_id", after))) {
            query(c -> c.find(Filters.and(Filters.eq("withdrawn", false), bound)).sort(Sorts.ascending("_id"))
                    .limit(100));
            query(c -> c.find(bound).sort(Sorts.ascending("_id")).skip(30).limit(50));
            query(c -> c.find(Filters.and(bound, Filters.lt("_id", "c"))).sort(Sorts.ascending("_id")));
        }
        query(c -> c.find(Filters.eq("profile.region", "europe")).sort(Sorts.ascending("_id")).limit(7)
                .projection(Projections.include("profile")));
        query(c -> c.find(Filters.gt("_id", "ffffffff")).sort(Sorts.ascending("_id")).limit(10));
        query(c -> c.find().sort(Sorts.descending("_id")).limit(25));
        query(c -> c.find(Filters.eq("withdrawn", true)).sort(Sorts.ascending("_id")).batchSize(3));
    }

    @Test
    void walkingEveryPageReturnsEachMatchingDocumentOnceInOrder() {
        insertIntoBoth(facts(1_500, new Random(11)));

        List<String> walked = new ArrayList<>();
        String after = null;
        boolean flat = false;
        while (true) {
            // both shapes: {withdrawn: false, _id: {$gt: after}} as analytics sends it, and an $and of the two
            flat = !flat;
            Bson filter = after == null ? Filters.eq("withdrawn", false)
                    : flat ? new Document("withdrawn", false).append("_id", new Document("$gt", after))
                    : Filters.and(Filters.eq("withdrawn", false), Filters.gt("_id", after));
            List<String> page = ids(query(c -> c.find(filter).sort(Sorts.ascending("_id")).limit(101)));
            walked.addAll(page);
            if (page.size() < 101) {
                break;
            }
            after = page.get(page.size() - 1);
        }

        List<String> everyMatch = ids(query(c -> c.find(Filters.eq("withdrawn", false))
                .sort(Sorts.ascending("_id"))));
        assertThat(walked).isEqualTo(everyMatch).doesNotHaveDuplicates().isSorted();
        assertThat(walked.size()).isBetween(1_000, 1_400);
    }

    @Test
    void stringsOfAnyLengthAndAlphabetSortAsTheBackendSortsThem() {
        List<Document> documents = new ArrayList<>();
        for (String id : List.of("", "a", "B", "ab", "a\u0000b", "é", "\u00ff", "\u0100", "\uffff", "\ud83d\ude00",
                "\ud7ff", "zz", "z", "10", "9", "0123456789abcdef0123456789abcdef")) {
            documents.add(new Document("_id", id).append("withdrawn", false));
        }
        insertIntoBoth(documents);

        query(c -> c.find().sort(Sorts.ascending("_id")));
        query(c -> c.find(Filters.gt("_id", "a")).sort(Sorts.ascending("_id")).limit(5));
        query(c -> c.find(Filters.gte("_id", "\u00ff")).sort(Sorts.ascending("_id")));
        query(c -> c.find(Filters.gt("_id", "\ud83d")).sort(Sorts.ascending("_id")));
    }

    @Test
    void idsOfOtherTypesAreSortedByTheBackendAsBefore() {
        List<Document> documents = new ArrayList<>(facts(50, new Random(3)));
        documents.add(new Document("_id", 42).append("withdrawn", false));
        documents.add(new Document("_id", new ObjectId()).append("withdrawn", false));
        documents.add(new Document("_id", new Document("composite", 1)).append("withdrawn", false));
        documents.add(new Document("_id", 7.5).append("withdrawn", false));
        insertIntoBoth(documents);

        List<String> sorted = query(c -> c.find().sort(Sorts.ascending("_id"))).stream()
                .map(document -> document.get("_id").getClass().getSimpleName()).toList();
        assertThat(sorted.subList(0, 2)).containsOnly("Double", "Integer");
        assertThat(sorted.subList(2, 52)).containsOnly("String");
        query(c -> c.find(Filters.gt("_id", "5")).sort(Sorts.ascending("_id")).limit(10));
        query(c -> c.find(Filters.eq("withdrawn", false)).sort(Sorts.ascending("_id")).limit(3));
    }

    @Test
    void documentsWrittenAfterAReadStartedAreSeenByTheNextPage() {
        insertIntoBoth(facts(300, new Random(5)));
        String last = ids(query(c -> c.find().sort(Sorts.ascending("_id")).limit(300))).get(299);

        insertIntoBoth(List.of(new Document("_id", last + "~").append("withdrawn", false)));

        assertThat(ids(query(c -> c.find(Filters.gt("_id", last)).sort(Sorts.ascending("_id")))))
                .containsExactly(last + "~");
    }

    @Test
    void collectionStatisticsAreTheBackendsAfterInsertsUpdatesAndRemovals() {
        insertIntoBoth(facts(500, new Random(13)));
        for (MongoCollection<Document> collection : List.of(reference, store)) {
            collection.updateMany(Filters.eq("withdrawn", true), Updates.set("withdrawnOffset", 12L));
            collection.replaceOne(Filters.eq("_id", "replaced"), new Document("note", "x".repeat(300)),
                    new ReplaceOptions().upsert(true));
            collection.replaceOne(Filters.eq("_id", "replaced"), new Document("note", "y".repeat(900)));
            collection.deleteMany(Filters.eq("profile.region", "africa"));
        }

        Document expected = statistics(reference);
        Document actual = statistics(store);

        assertThat(actual.get("count")).isEqualTo(expected.get("count"));
        assertThat(actual.get("size")).isEqualTo(expected.get("size"));
        assertThat(actual.get("avgObjSize")).isEqualTo(expected.get("avgObjSize"));
        assertThat(actual.getInteger("size")).isGreaterThan(400 * 50);
    }

    @Test
    void walksFromTheLowerBoundOnIdWhereverTheQueryStatesIt() {
        var gt = new de.bwaldvogel.mongo.bson.Document("$gt", "m");
        var gte = new de.bwaldvogel.mongo.bson.Document("$gte", "n");
        assertThat(StoreCollection.lowerBound(query("withdrawn", false, "_id", gt), "_id")).isEqualTo("m");
        assertThat(StoreCollection.lowerBound(query("_id", gte), "_id")).isEqualTo("n");
        assertThat(StoreCollection.lowerBound(query("$and",
                List.of(query("withdrawn", false), query("_id", gt))), "_id")).isEqualTo("m");
        assertThat(StoreCollection.lowerBound(query("_id", new de.bwaldvogel.mongo.bson.Document("$lt", "m")),
                "_id")).isNull();
        assertThat(StoreCollection.lowerBound(query("_id", new de.bwaldvogel.mongo.bson.Document("$gt", 5)),
                "_id")).isNull();
        assertThat(StoreCollection.lowerBound(query("$or", List.of(query("_id", gt))), "_id")).isNull();
        assertThat(StoreCollection.lowerBound(query("withdrawn", false), "_id")).isNull();
    }

    private static de.bwaldvogel.mongo.bson.Document query(Object... keysAndValues) {
        var query = new de.bwaldvogel.mongo.bson.Document();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            query.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return query;
    }

    /** Runs the query on both stores, asserts the same documents in the same order, and returns them. */
    private List<Document> query(Function<MongoCollection<Document>, FindIterable<Document>> find) {
        List<Document> expected = find.apply(reference).into(new ArrayList<>());
        List<Document> actual = find.apply(store).into(new ArrayList<>());
        assertThat(actual).isEqualTo(expected);
        return actual;
    }

    private void insertIntoBoth(List<Document> documents) {
        reference.insertMany(documents.stream().map(Document::new).toList());
        store.insertMany(documents.stream().map(Document::new).toList());
    }

    private static List<Document> facts(int count, Random random) {
        List<String> regions = List.of("europe", "americas", "asia-pacific", "africa");
        List<Document> facts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            facts.add(new Document("_id", new UUID(random.nextLong(), random.nextLong()).toString())
                    .append("withdrawn", random.nextInt(5) == 0)
                    .append("profile", new Document("region", regions.get(random.nextInt(regions.size())))));
        }
        return facts;
    }

    private Document statistics(MongoCollection<Document> collection) {
        MongoClient client = clients.get(collection == reference ? 0 : 1);
        return client.getDatabase(collection.getNamespace().getDatabaseName())
                .runCommand(new Document("collStats", collection.getNamespace().getCollectionName()));
    }

    private static List<String> ids(List<Document> documents) {
        return documents.stream().map(document -> document.get("_id").toString()).toList();
    }

    private MongoCollection<Document> collection(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        servers.add(server);
        MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort());
        clients.add(client);
        return client.getDatabase("pmo").getCollection("response_facts");
    }
}
