package org.pmoresearch.analytics.store;

import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.RecordPosition;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.domain.ResponseFactStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;

import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The response facts of one generation, each written with a single-document atomic operation. */
public class MongoResponseFactStore implements ResponseFactStore {

    private final MongoOperations mongo;
    private final String collection;

    public MongoResponseFactStore(MongoOperations mongo, Generation generation) {
        this.mongo = mongo;
        this.collection = generation.factsCollection();
    }

    @Override
    public Optional<ResponseFact> insertOrFindExisting(ResponseFact fact) {
        try {
            mongo.insert(toDocument(fact), collection);
            return Optional.empty();
        } catch (DuplicateKeyException alreadyKnown) {
            return find(fact.responseId());
        }
    }

    @Override
    public Optional<ResponseFact> withdraw(String responseId, long offset) {
        ResponseFactDocument before = mongo.findAndModify(
                query(where("_id").is(responseId).and(ResponseFactDocument.WITHDRAWN).is(false)),
                new Update().set(ResponseFactDocument.WITHDRAWN, true).set("withdrawnOffset", offset),
                ResponseFactDocument.class, collection);
        return Optional.ofNullable(before).map(MongoResponseFactStore::toFact);
    }

    @Override
    public Optional<ResponseFact> find(String responseId) {
        return Optional.ofNullable(mongo.findById(responseId, ResponseFactDocument.class, collection))
                .map(MongoResponseFactStore::toFact);
    }

    static ResponseFactDocument toDocument(ResponseFact fact) {
        return new ResponseFactDocument(fact.responseId(), fact.position().partition(), fact.position().offset(),
                fact.catalogueVersion(), fact.submittedAt(), fact.profile(), fact.selections(), fact.withdrawn(),
                fact.withdrawnOffset());
    }

    static ResponseFact toFact(ResponseFactDocument document) {
        return new ResponseFact(document.id(), new RecordPosition(document.partition(), document.offset()),
                document.catalogueVersion(), document.submittedAt(), document.profile(), document.selections(),
                document.withdrawn(), document.withdrawnOffset());
    }
}
