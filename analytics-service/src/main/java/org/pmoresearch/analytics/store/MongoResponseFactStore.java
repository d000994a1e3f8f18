package org.pmoresearch.analytics.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.RecordPosition;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.domain.ResponseFactStore;
import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The response facts of one generation, each written with a single-document atomic operation. The facts of
 * a batch go to the store in one unordered insert; the responseIds it found already stored are then read
 * back in one query. Facts are written as documents built by hand, in the shape {@link ResponseFactDocument}
 * maps: the object mapping took a tenth of the counting thread's time.
 */
public class MongoResponseFactStore implements ResponseFactStore {

    private static final RecordComponent[] PROFILE_FIELDS = RespondentProfile.class.getRecordComponents();

    private final MongoOperations mongo;
    private final String collection;

    public MongoResponseFactStore(MongoOperations mongo, Generation generation) {
        this.mongo = mongo;
        this.collection = generation.factsCollection();
    }

    @Override
    public Optional<ResponseFact> insertOrFindExisting(ResponseFact fact) {
        return insertAllOrFindExisting(List.of(fact)).get(0);
    }

    @Override
    public List<Optional<ResponseFact>> insertAllOrFindExisting(List<ResponseFact> facts) {
        if (facts.isEmpty()) {
            return List.of();
        }
        // Only the first fact of each responseId is sent: the store may apply an unordered insert in any order.
        Map<String, Integer> firstIndexById = new HashMap<>();
        List<Document> firsts = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            if (firstIndexById.putIfAbsent(facts.get(i).responseId(), i) == null) {
                firsts.add(toDocument(facts.get(i)));
            }
        }
        Set<String> alreadyStoredIds = insertUnlessStored(firsts);
        Map<String, ResponseFact> alreadyStored = alreadyStoredIds.isEmpty() ? Map.of() : findAll(alreadyStoredIds);
        List<Optional<ResponseFact>> existing = new ArrayList<>(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            String responseId = facts.get(i).responseId();
            int first = firstIndexById.get(responseId);
            if (alreadyStoredIds.contains(responseId)) {
                existing.add(Optional.ofNullable(alreadyStored.get(responseId)));
            } else {
                existing.add(i == first ? Optional.empty() : Optional.of(facts.get(first)));
            }
        }
        return existing;
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

    /** @return the ids of the documents not inserted because their id was already stored */
    private Set<String> insertUnlessStored(List<Document> documents) {
        return mongo.execute(collection, facts -> {
            try {
                facts.insertMany(documents, new InsertManyOptions().ordered(false));
                return Set.of();
            } catch (MongoBulkWriteException partlyInserted) {
                if (partlyInserted.getWriteConcernError() != null) {
                    throw partlyInserted;
                }
                Set<String> alreadyStored = new HashSet<>();
                for (BulkWriteError error : partlyInserted.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw partlyInserted;
                    }
                    alreadyStored.add(documents.get(error.getIndex()).getString("_id"));
                }
                return alreadyStored;
            }
        });
    }

    private Map<String, ResponseFact> findAll(Set<String> responseIds) {
        return mongo.find(query(where("_id").in(responseIds)), ResponseFactDocument.class, collection).stream()
                .map(MongoResponseFactStore::toFact)
                .collect(Collectors.toMap(ResponseFact::responseId, Function.identity()));
    }

    // Absent values are left out, as the mapping leaves them out.
    static Document toDocument(ResponseFact fact) {
        Document document = new Document("_id", fact.responseId())
                .append("partition", fact.position().partition())
                .append("offset", fact.position().offset())
                .append(ResponseFactDocument.CATALOGUE_VERSION, fact.catalogueVersion());
        if (fact.submittedAt() != null) {
            document.append("submittedAt", Date.from(fact.submittedAt()));
        }
        if (fact.profile() != null) {
            document.append(ResponseFactDocument.PROFILE, toDocument(fact.profile()));
        }
        if (fact.selections() != null) {
            Document selections = new Document();
            fact.selections().forEach((areaId, taskIds) ->
                    selections.append(areaId, taskIds == null ? "" : String.join(ResponseFactDocument.TASK_SEPARATOR, taskIds)));
            document.append(ResponseFactDocument.SELECTIONS, selections);
        }
        document.append(ResponseFactDocument.WITHDRAWN, fact.withdrawn());
        if (fact.withdrawnOffset() != null) {
            document.append("withdrawnOffset", fact.withdrawnOffset());
        }
        return document;
    }

    private static Document toDocument(RespondentProfile profile) {
        Document document = new Document();
        for (RecordComponent field : PROFILE_FIELDS) {
            try {
                Object value = field.getAccessor().invoke(profile);
                if (value != null) {
                    document.append(field.getName(), value);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read profile field " + field.getName(), e);
            }
        }
        return document;
    }

    static ResponseFact toFact(ResponseFactDocument document) {
        return new ResponseFact(document.id(), new RecordPosition(document.partition(), document.offset()),
                document.catalogueVersion(), document.submittedAt(), document.profile(), document.selectionLists(),
                document.withdrawn(), document.withdrawnOffset());
    }
}
