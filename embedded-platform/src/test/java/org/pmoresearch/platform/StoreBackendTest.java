package org.pmoresearch.platform;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Over the wire, with the MongoDB driver, against the store file the launcher keeps. */
class StoreBackendTest {

    @TempDir
    Path temporary;

    @Test
    void findsAndRefusesAgainTheIdsStoredByEitherBackendInTheSameFile() {
        Path file = temporary.resolve("store.mv.db");
        List<String> byH2 = ids(1_500);
        List<String> byStore = ids(1_500);

        with(new H2Backend(file.toString()), facts -> insert(facts, byH2));
        with(StoreBackend.open(file), facts -> {
            assertAllFound(facts, byH2);
            assertRefusedAgain(facts, byH2.get(700));
            insert(facts, byStore);
            assertAllFound(facts, byStore);
        });
        with(new H2Backend(file.toString()), facts -> {
            assertAllFound(facts, byH2);
            assertAllFound(facts, byStore);
            assertRefusedAgain(facts, byStore.get(300));
        });
    }

    @Test
    void secondaryUniqueIndexesUseTheFasterKeyTypeToo() {
        Path file = temporary.resolve("store.mv.db");
        StoreBackend backend = StoreBackend.open(file);
        with(backend, facts -> {
            facts.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            facts.insertOne(new Document("_id", "a").append("email", "one@example.org"));
            assertThatThrownBy(() -> facts.insertOne(new Document("_id", "b").append("email", "one@example.org")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));

            MVStore store = backend.getMvStore();
            List<String> indexMaps = store.getMapNames().stream().filter(name -> name.contains("._index_")).toList();
            assertThat(indexMaps).hasSize(2);
            assertThat(indexMaps).allSatisfy(name ->
                    assertThat(store.openMap(name).getKeyType()).isInstanceOf(IndexKeyType.class));
        });
    }

    @Test
    void keepsEachFactInAPageOfItsOwnWhereTheDefaultSharesPages() {
        Path plainFile = temporary.resolve("plain.mv.db");
        Path storeFile = temporary.resolve("store.mv.db");
        with(new H2Backend(plainFile.toString()), StoreBackendTest::insertFacts);
        with(StoreBackend.open(storeFile), StoreBackendTest::insertFacts);

        List<Page<?, ?>> plainFacts = leafPages(plainFile, "databases.pmo.response_facts");
        List<Page<?, ?>> storeFacts = leafPages(storeFile, "databases.pmo.response_facts");
        assertThat(plainFacts).as("H2's default page size").anySatisfy(page ->
                assertThat(page.getKeyCount()).isGreaterThan(1));
        assertThat(storeFacts).as("the launcher's store").allSatisfy(page ->
                assertThat(page.getKeyCount()).isEqualTo(1));
    }

    private static void insertFacts(MongoCollection<Document> facts) {
        Random random = new Random(7);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            batch.add(StoreInsertBenchmark.fact(random, i));
        }
        facts.insertMany(batch);
    }

    /** The leaf pages of one of the file's maps, as the file holds them. */
    private static List<Page<?, ?>> leafPages(Path file, String map) {
        try (MVStore store = MVStore.open(file.toString())) {
            assertThat(store.hasMap(map)).as("map %s", map).isTrue();
            List<Page<?, ?>> leaves = new ArrayList<>();
            collectLeaves(store.openMap(map).getRootPage(), leaves);
            return leaves;
        }
    }

    private static void collectLeaves(Page<?, ?> page, List<Page<?, ?>> leaves) {
        if (page.isLeaf()) {
            leaves.add(page);
            return;
        }
        for (int child = 0; child < page.getRawChildPageCount(); child++) {
            collectLeaves(page.getChildPage(child), leaves);
        }
    }


    private static void with(MongoBackend backend, Consumer<MongoCollection<Document>> use) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
            use.accept(client.getDatabase("pmo").getCollection("response_facts"));
        } finally {
            server.shutdown();
        }
    }

    private static List<String> ids(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    private static void insert(MongoCollection<Document> facts, List<String> ids) {
        List<Document> documents = ids.stream().map(id -> new Document("_id", id).append("withdrawn", false)).toList();
        facts.insertMany(documents);
    }

    private static void assertAllFound(MongoCollection<Document> facts, List<String> ids) {
        for (String id : ids) {
            assertThat(facts.find(new Document("_id", id)).first()).as("document %s", id).isNotNull();
        }
    }

    private static void assertRefusedAgain(MongoCollection<Document> facts, String id) {
        assertThatThrownBy(() -> facts.insertOne(new Document("_id", id)))
                .isInstanceOfSatisfying(MongoWriteException.class,
                        e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }
}
