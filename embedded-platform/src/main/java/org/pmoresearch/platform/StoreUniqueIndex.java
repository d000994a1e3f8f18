package org.pmoresearch.platform;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A unique index on an H2 map of key to document position, as the H2 backend keeps one, that adds a document's keys
 * without looking each of them up first. A collection checks every index for a duplicate before it adds a document
 * (and before it changes one), under its own lock; the backend's index then looked every key up once more before
 * putting it, one tree walk in three of an insert's index work. Here the put itself refuses a key that is there,
 * and a key refused so takes back the keys this call put before it. A sparse index adds as the backend's does.
 * The rest is the backend's own index on the same map; it cannot be extended, as its constructor is not visible
 * outside the backend's package.
 */
final class StoreUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> positions;

    StoreUniqueIndex(String name, MVMap<KeyValue, Object> positions, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.positions = positions;
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        if (isSparse()) {
            super.add(document, position, collection);
            return;
        }
        List<KeyValue> added = new ArrayList<>();
        for (KeyValue key : getKeyValues(document)) {
            if (!putKeyPosition(key, position)) {
                added.forEach(positions::remove);
                throw new DuplicateKeyError(this, collection, getKeys(), key);
            }
            added.add(key);
        }
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return positions.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return positions.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return positions.get(key);
    }

    @Override
    public long getCount() {
        return positions.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
