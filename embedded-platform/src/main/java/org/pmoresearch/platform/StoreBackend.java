package org.pmoresearch.platform;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * mongo-java-server's H2 backend with its unique indexes (every collection's {@code _id} among them) ordered by
 * {@link IndexKeyType}: the same order, on disk and in memory, as the backend's own, reached without serialising
 * both keys for every comparison. Files written by either backend are read by the other.
 */
final class StoreBackend extends H2Backend {

    /** How the backend names the map of a collection's index, after the collection's namespace. */
    private static final String INDEX_MAP_INFIX = "._index_";

    StoreBackend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        /**
         * The backend opens the index's map by name; opening it first with the faster key type makes that the
         * map it gets. A map already open (by an earlier call) keeps the type it was opened with.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            getMvStore().openMap(getFullCollectionNamespace(collectionName) + INDEX_MAP_INFIX + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }
}
