package org.pmoresearch.analytics.store;

import org.pmoresearch.analytics.domain.RecordPosition;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.domain.ResponseFactStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

@Repository
public class MongoResponseFactStore implements ResponseFactStore {

    private final MongoOperations mongo;

    public MongoResponseFactStore(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<ResponseFact> insertOrFindExisting(ResponseFact fact) {
        try {
            mongo.insert(toDocument(fact));
            return Optional.empty();
        } catch (DuplicateKeyException alreadyKnown) {
            return find(fact.responseId());
        }
    }

    @Override
    public Optional<ResponseFact> withdraw(String responseId, long offset) {
        ResponseFactDocument before = mongo.findAndModify(
                query(where("_id").is(responseId).and("withdrawn").is(false)),
                new Update().set("withdrawn", true).set("withdrawnOffset", offset),
                ResponseFactDocument.class);
        return Optional.ofNullable(before).map(MongoResponseFactStore::toFact);
    }

    @Override
    public Optional<ResponseFact> find(String responseId) {
        return Optional.ofNullable(mongo.findById(responseId, ResponseFactDocument.class))
                .map(MongoResponseFactStore::toFact);
    }

    private static ResponseFactDocument toDocument(ResponseFact fact) {
        return new ResponseFactDocument(fact.responseId(), fact.position().partition(), fact.position().offset(),
                fact.catalogueVersion(), fact.submittedAt(), fact.profile(), fact.selections(), fact.withdrawn(),
                fact.withdrawnOffset());
    }

    private static ResponseFact toFact(ResponseFactDocument document) {
        return new ResponseFact(document.id(), new RecordPosition(document.partition(), document.offset()),
                document.catalogueVersion(), document.submittedAt(), document.profile(), document.selections(),
                document.withdrawn(), document.withdrawnOffset());
    }
}
