package org.pmoresearch.platform;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The launcher's collection: mongo-java-server's H2 collection, on the same maps, with two changes. Neither
 * changes what is stored, so a file is read the same by either.
 *
 * <p><b>Reads in {@code _id} order.</b> It answers queries sorted by {@code _id} ascending by walking
 * its documents in the order they are stored, from the query's lower bound on {@code _id}, instead of matching
 * every document and sorting the matches: a page of a keyset-paged read ({@code _id > last, sort _id, limit n})
 * reads about n documents, not the whole collection.
 *
 * <p>The backend keeps a collection's documents in a map keyed by their {@code _id}, ordered by H2's
 * {@code ObjectDataType}: by type first, then strings by {@link String#compareTo}, which is exactly how the
 * backend's own sort compares two strings. So when every {@code _id} is a string (the map's first and last keys
 * are strings, and H2 keeps the keys of each type together), the stored order is the order the sort would
 * produce, and walking it gives the same documents in the same order. Any other case (another sort, an
 * {@code _id} of another type anywhere in the collection) is answered by the backend as before.
 *
 * <p><b>No running data size.</b> The backend keeps the total BSON size of a collection's documents for
 * {@code collStats}, and pays for it on every write: a full BSON encoding of each document inserted or removed, two
 * of each document updated or replaced, and a write of the collection's metadata. That is every fact analytics
 * inserts and every counts document it replaces, and nothing of the platform reads the total; here the size is
 * worked out from the documents when {@code collStats} asks for it. The total the backend stored in the metadata is
 * left as it was.
 */
final class StoreCollection extends H2Collection {

    private static final String GREATER_THAN = "$gt";
    private static final String GREATER_THAN_OR_EQUAL = "$gte";
    private static final String AND = "$and";

    private final MVMap<Object, Document> documents;

    StoreCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> documents, MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, collectionName, options, documents, meta, cursors);
        this.documents = documents;
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    /** The backend's statistics, with the documents' size and average size measured now. */
    @Override
    public Document getStats() {
        Document statistics = super.getStats();
        long size = 0;
        ByteBuf buffer = Unpooled.buffer();
        try {
            for (Document document : documents.values()) {
                buffer.clear();
                BsonEncoder.encodeDocument(document, buffer);
                size += buffer.writerIndex();
            }
        } finally {
            buffer.release();
        }
        int count = count();
        statistics.put("size", (int) Math.min(size, Integer.MAX_VALUE));
        statistics.put("avgObjSize", count == 0 ? 0 : (int) (size / count));
        return statistics;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
            int batchSize, Document fieldSelector) {
        String idField = getIdField();
        if (idField == null || !isAscendingBy(orderBy, idField) || !allIdsAreStrings()) {
            return super.matchDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
        }
        Stream<Document> inIdOrder = walkFrom(lowerBound(query, idField));
        return matchDocumentsFromStream(inIdOrder, query, null, numberToSkip, numberToReturn, batchSize,
                fieldSelector);
    }

    private static boolean isAscendingBy(Document orderBy, String field) {
        return orderBy != null && orderBy.size() == 1
                && orderBy.get(field) instanceof Number direction && direction.doubleValue() == 1;
    }

    private boolean allIdsAreStrings() {
        return documents.firstKey() instanceof String && documents.lastKey() instanceof String;
    }

    /**
     * A string every matching {@code _id} is at least: the operand of a {@code $gt} or {@code $gte} on it, in the
     * query itself or in one of the clauses of its top-level {@code $and}; null (walk from the first document)
     * for any other condition or none. Documents below it cannot match, so starting there skips nothing the
     * query would return; the query itself is still checked on every document.
     */
    static String lowerBound(Document query, String idField) {
        if (query.get(idField) instanceof Document operators) {
            for (String operator : new String[] {GREATER_THAN, GREATER_THAN_OR_EQUAL}) {
                if (operators.get(operator) instanceof String bound) {
                    return bound;
                }
            }
        }
        if (query.get(AND) instanceof List<?> clauses) {
            for (Object clause : clauses) {
                String bound = clause instanceof Document condition ? lowerBound(condition, idField) : null;
                if (bound != null) {
                    return bound;
                }
            }
        }
        return null;
    }

    private Stream<Document> walkFrom(String lowerBound) {
        Cursor<Object, Document> cursor = documents.cursor(lowerBound);
        Spliterator<Document> values = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super Document> action) {
                if (!cursor.hasNext()) {
                    return false;
                }
                cursor.next();
                action.accept(cursor.getValue());
                return true;
            }
        };
        return StreamSupport.stream(values, false);
    }
}
