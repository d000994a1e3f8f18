package org.pmoresearch.platform;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * mongo-java-server's H2 backend with its unique indexes (every collection's {@code _id} among them) kept as
 * {@link StoreUniqueIndex}es, which add a key without looking it up once more, and ordered by
 * {@link IndexKeyType}: the same order, on disk and in memory, as the backend's own, reached without serialising
 * both keys for every comparison; and its collections are {@link StoreCollection}s, which read pages in
 * {@code _id} order without sorting the whole collection and keep no running total of their documents' size; and
 * it writes documents as BSON ({@link DocumentType}) and single-string index keys as strings, not with Java
 * serialisation. It reads files the backend wrote; the backend cannot read what this one wrote.
 */
class StoreBackend extends H2Backend {

    /** How the backend names the map of a collection's index, after the collection's namespace. */
    private static final String INDEX_MAP_INFIX = "._index_";
    /** How the backend names the maps of a collection's documents and its metadata, before its namespace. */
    private static final String DOCUMENTS_MAP_PREFIX = "databases.";
    private static final String META_MAP_PREFIX = "meta.";

    /**
     * The size at which H2 splits a page of a map, in bytes of its estimated memory; H2's own default for a file is
     * 16 KB. Facts arrive in random {@code _id} order, so every insert changes a page of the documents and a page
     * of the {@code _id} index somewhere in their trees; each commit (once a second) writes every changed page
     * whole, and a page the cache has dropped is read back whole before the insert, so an insert costs in
     * proportion to the pages it lands in. 4 KB was chosen against 16 KB when a fact was estimated at about 5 KB
     * (its selections as ids, Java-serialised); facts now take a few hundred bytes of BSON and share a page with a few
     * others, and 2 KB measured no better (docs/benchmarks.md, "Where a rebuild's time goes now"). It is a setting of
     * the open store, not of the file: a file written with either size is read and extended with the other.
     */
    static final int PAGE_SPLIT_SIZE = 4 * 1024;

    StoreBackend(MVStore store) {
        super(store);
    }

    /**
     * False to write documents and index keys as H2 writes them (Java serialisation), to compare with. A method, not
     * a field: the backend's constructor opens the collections the file holds, before any field of this class is set.
     */
    boolean compactValues() {
        return true;
    }

    /** The launcher's store on the given file, created if it does not exist. */
    static StoreBackend open(Path file) {
        return new StoreBackend(new MVStore.Builder().fileName(file.toString()).pageSplitSize(PAGE_SPLIT_SIZE).open());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return holdingItsVersion(() -> super.handleCommand(channel, databaseName, command, query));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return holdingItsVersion(() -> super.handleQuery(query));
    }

    /**
     * Runs a request with the store's current version registered as in use. A read walks the maps as they were
     * when it began; without the registration, H2 frees the chunks of a version once it is a few versions old
     * (five by default), and a long read (a scan of a large collection while others write, or while the
     * background writer compacts the file after a burst of writes) then fails with "Chunk … not found". A
     * request's results are complete when it returns (the backend's cursors keep the rest in memory), so the
     * registration ends with it.
     */
    <T> T holdingItsVersion(Supplier<T> request) {
        MVStore.TxCounter usage = getMvStore().registerVersionUsage();
        try {
            return request.get();
        } finally {
            getMvStore().deregisterVersionUsage(usage);
        }
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
         * The map the backend keeps the index in, by the backend's name for it, opened with the faster key type (a
         * map already open, by an earlier call, keeps the type it was opened with), as a {@link StoreUniqueIndex}.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVMap<KeyValue, Object> positions = getMvStore().openMap(
                    getFullCollectionNamespace(collectionName) + INDEX_MAP_INFIX + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType(compactValues())));
            return new StoreUniqueIndex(indexName, positions, keys, sparse);
        }

        /** The backend's collection, on the same maps, as {@link StoreCollection} changes it. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap.Builder<Object, Document> documentsMap = new MVMap.Builder<>();
            if (compactValues()) {
                documentsMap.valueType(new DocumentType());
            }
            MVMap<Object, Document> documents = getMvStore().openMap(DOCUMENTS_MAP_PREFIX + namespace, documentsMap);
            MVMap<String, Object> meta = getMvStore().openMap(META_MAP_PREFIX + namespace);
            return new StoreCollection(this, collectionName, options, documents, meta, getCursorRegistry());
        }
    }
}
