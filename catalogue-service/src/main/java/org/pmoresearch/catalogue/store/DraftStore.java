package org.pmoresearch.catalogue.store;

import org.pmoresearch.catalogue.domain.Draft;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** The one draft document, replaced whole on every edit, only if nobody stored another revision meanwhile. */
@Repository
public class DraftStore {

    private final MongoOperations mongo;

    public DraftStore(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public Optional<Draft> find() {
        return Optional.ofNullable(mongo.findById(DraftDocument.THE_DRAFT, DraftDocument.class)).map(DraftDocument::toDomain);
    }

    /** Stores the first draft; if another instance stored one first, that one is returned instead. */
    public Draft insertIfAbsent(Draft draft) {
        try {
            mongo.insert(DraftDocument.of(draft));
            return draft;
        } catch (DuplicateKeyException e) {
            return find().orElseThrow(() -> e);
        }
    }

    /** @return false, storing nothing, when the stored draft is no longer at {@code expectedRevision} */
    public boolean replace(long expectedRevision, Draft next) {
        Query atExpectedRevision = new Query(where("_id").is(DraftDocument.THE_DRAFT)
                .and(DraftDocument.REVISION).is(expectedRevision));
        return mongo.replace(atExpectedRevision, DraftDocument.of(next)).getMatchedCount() == 1;
    }
}
