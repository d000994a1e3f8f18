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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        with(new StoreBackend(MVStore.open(file.toString())), facts -> {
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
        StoreBackend backend = new StoreBackend(MVStore.open(file.toString()));
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
