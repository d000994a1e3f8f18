package org.pmoresearch.platform;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreUniqueIndexTest {

    @TempDir
    Path temporary;

    @Test
    void everyUniqueIndexOfTheStoreIsOneAndStillRefusesDuplicatesOnInsertAndUpdate() {
        StoreBackend backend = StoreBackend.open(temporary.resolve("store.mv.db"));
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
            MongoCollection<Document> people = client.getDatabase("pmo").getCollection("people");
            people.createIndex(Indexes.ascending("tags"), new IndexOptions().unique(true));
            people.insertOne(new Document("_id", "a").append("tags", List.of("x", "y")));

            assertDuplicate(() -> people.insertOne(new Document("_id", "a").append("tags", List.of("q"))));
            assertDuplicate(() -> people.insertOne(new Document("_id", "b").append("tags", List.of("z", "x"))));
            people.insertOne(new Document("_id", "c").append("tags", List.of("z")));
            assertDuplicate(() -> people.updateOne(Filters.eq("_id", "c"), Updates.set("tags", List.of("y"))));

            assertThat(people.find().into(new ArrayList<>())).containsExactlyInAnyOrder(
                    new Document("_id", "a").append("tags", List.of("x", "y")),
                    new Document("_id", "c").append("tags", List.of("z")));
            assertThat(people.find(Filters.eq("tags", "z")).first()).containsEntry("_id", "c");
            assertThat(backend.resolveDatabase("pmo").resolveCollection("people", true).getIndexes())
                    .hasSize(2).allSatisfy(index -> assertThat(index).isInstanceOf(StoreUniqueIndex.class));
        } finally {
            server.shutdown();
        }
    }

    @Test
    void aDocumentWithAKeyAlreadyThereIsRefusedAndItsOtherKeysAreTakenBack() {
        StoreBackend backend = StoreBackend.open(temporary.resolve("store.mv.db"));
        try {
            @SuppressWarnings("unchecked")
            de.bwaldvogel.mongo.MongoCollection<Object> people = (de.bwaldvogel.mongo.MongoCollection<Object>)
                    backend.resolveDatabase("pmo").createCollectionOrThrowIfExists("people");
            MVMap<KeyValue, Object> positions = backend.getMvStore().openMap("test.tags",
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
            StoreUniqueIndex tags = new StoreUniqueIndex("tags_1", positions, List.of(new IndexKey("tags", true)), false);

            tags.add(new de.bwaldvogel.mongo.bson.Document("_id", "a").append("tags", List.of("x")), "a", people);
            assertThatThrownBy(() -> tags.add(
                    new de.bwaldvogel.mongo.bson.Document("_id", "b").append("tags", List.of("y", "x")), "b", people))
                    .isInstanceOf(DuplicateKeyError.class)
                    .hasMessageContaining("tags_1");

            assertThat(positions).containsOnlyKeys(new KeyValue("x")).containsEntry(new KeyValue("x"), "a");
            assertThat(tags.getCount()).isEqualTo(1);
        } finally {
            backend.close();
        }
    }

    private static void assertDuplicate(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(MongoWriteException.class,
                e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }
}
