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
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
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
    void findsAndRefusesAgainTheIdsTheBackendStoredAndItsOwnInTheSameFile() {
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
        with(StoreBackend.open(file), facts -> {
            assertAllFound(facts, byH2);
            assertAllFound(facts, byStore);
            assertRefusedAgain(facts, byStore.get(300));
            assertRefusedAgain(facts, byH2.get(300));
        });
    }

    @Test
    void storesTheDocumentsAsBsonAndReadsThemAfterARestart() {
        Path file = temporary.resolve("store.mv.db");
        List<String> first = ids(1_000);
        List<String> afterRestart = ids(1_000);
        with(StoreBackend.open(file), facts -> insert(facts, first));
        // A restart opens the file's collections while the backend is being constructed.
        with(StoreBackend.open(file), facts -> {
            assertAllFound(facts, first);
            insert(facts, afterRestart);
        });
        with(StoreBackend.open(file), facts -> {
            assertAllFound(facts, first);
            assertAllFound(facts, afterRestart);
        });

        try (MVStore store = MVStore.open(file.toString())) {
            MVMap<Object, Object> raw = store.openMap("databases.pmo.response_facts",
                    new MVMap.Builder<Object, Object>().valueType(new RawValueType()));
            assertThat(raw.size()).isEqualTo(2_000);
            assertThat(raw.values()).allSatisfy(value -> assertThat(((byte[]) value)[0]).isEqualTo(DocumentType.BSON));
        }
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
            collectLeaves(store.openMap(map, new MVMap.Builder<>().valueType(new DocumentType())).getRootPage(), leaves);
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

    /** Reads a map's values as the bytes of the first value only; enough to see how each was written. */
    private static final class RawValueType extends BasicDataType<Object> {

        @Override
        public int getMemory(Object value) {
            return 0;
        }

        @Override
        public void write(WriteBuffer buffer, Object value) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public Object read(ByteBuffer buffer) {
            byte[] first = {buffer.get(buffer.position())};
            new DocumentType().read(buffer);
            return first;
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }
}
