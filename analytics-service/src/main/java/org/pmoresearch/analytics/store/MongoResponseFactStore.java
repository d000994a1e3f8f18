package org.pmoresearch.analytics.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;
import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.RecordPosition;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.domain.ResponseFactStore;
import org.pmoresearch.analytics.domain.SelectionBits;
import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
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
 * back in one query. Each fact is written straight to BSON, in the shape {@link ResponseFactDocument} maps:
 * the object mapping took a tenth of the counting thread's time, and encoding a {@link Document} through the
 * driver's codecs over a third of a rebuild's. Selections go as bits over the answered catalogue version when it
 * has every id they name, as ids otherwise.
 */
public class MongoResponseFactStore implements ResponseFactStore {

    private final MongoOperations mongo;
    private final CatalogueVersions catalogues;
    private final String collection;

    public MongoResponseFactStore(MongoOperations mongo, CatalogueVersions catalogues, Generation generation) {
        this.mongo = mongo;
        this.catalogues = catalogues;
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
        List<String> firstIds = new ArrayList<>();
        List<RawBsonDocument> firsts = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            if (firstIndexById.putIfAbsent(facts.get(i).responseId(), i) == null) {
                firstIds.add(facts.get(i).responseId());
                firsts.add(toBson(facts.get(i), catalogues));
            }
        }
        Set<String> alreadyStoredIds = insertUnlessStored(firstIds, firsts);
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
        return Optional.ofNullable(before).map(this::toFact);
    }

    @Override
    public Optional<ResponseFact> find(String responseId) {
        return Optional.ofNullable(mongo.findById(responseId, ResponseFactDocument.class, collection))
                .map(this::toFact);
    }

    /** @return the ids of the documents not inserted because their id was already stored */
    private Set<String> insertUnlessStored(List<String> ids, List<RawBsonDocument> documents) {
        return mongo.execute(collection, facts -> {
            try {
                facts.withDocumentClass(RawBsonDocument.class).insertMany(documents, new InsertManyOptions().ordered(false));
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
                    alreadyStored.add(ids.get(error.getIndex()));
                }
                return alreadyStored;
            }
        });
    }

    private Map<String, ResponseFact> findAll(Set<String> responseIds) {
        return mongo.find(query(where("_id").in(responseIds)), ResponseFactDocument.class, collection).stream()
                .map(this::toFact)
                .collect(Collectors.toMap(ResponseFact::responseId, Function.identity()));
    }

    // Absent values are left out, as the mapping leaves them out.
    static RawBsonDocument toBson(ResponseFact fact, CatalogueVersions catalogues) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(512);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeString("_id", fact.responseId());
            writer.writeInt32("partition", fact.position().partition());
            writer.writeInt64("offset", fact.position().offset());
            writer.writeInt32(ResponseFactDocument.CATALOGUE_VERSION, fact.catalogueVersion());
            if (fact.submittedAt() != null) {
                writer.writeDateTime("submittedAt", fact.submittedAt().toEpochMilli());
            }
            if (fact.profile() != null) {
                writer.writeStartDocument(ResponseFactDocument.PROFILE);
                writeProfile(writer, fact.profile());
                writer.writeEndDocument();
            }
            SelectionBits.Encoded bits = fact.selections() == null ? null : catalogues
                    .selectionBits(fact.catalogueVersion()).map(version -> version.encode(fact.selections())).orElse(null);
            if (bits != null) {
                writer.writeBinaryData(ResponseFactDocument.SELECTED_AREAS, new BsonBinary(bits.areas()));
                writer.writeBinaryData(ResponseFactDocument.SELECTED_TASKS, new BsonBinary(bits.tasks()));
            } else if (fact.selections() != null) {
                writer.writeStartDocument(ResponseFactDocument.SELECTIONS);
                fact.selections().forEach((areaId, taskIds) -> writer.writeString(areaId,
                        taskIds == null ? "" : String.join(ResponseFactDocument.TASK_SEPARATOR, taskIds)));
                writer.writeEndDocument();
            }
            writer.writeBoolean(ResponseFactDocument.WITHDRAWN, fact.withdrawn());
            if (fact.withdrawnOffset() != null) {
                writer.writeInt64("withdrawnOffset", fact.withdrawnOffset());
            }
            writer.writeEndDocument();
        }
        return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
    }

    private static void writeProfile(BsonBinaryWriter writer, RespondentProfile profile) {
        List<String> values = profile.values();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                writer.writeString(RespondentProfile.FIELDS.get(i), values.get(i));
            }
        }
    }

    ResponseFact toFact(ResponseFactDocument document) {
        return toFact(document, catalogues);
    }

    static ResponseFact toFact(ResponseFactDocument document, CatalogueVersions catalogues) {
        return new ResponseFact(document.id(), new RecordPosition(document.partition(), document.offset()),
                document.catalogueVersion(), document.submittedAt(), document.profile(),
                document.selectionLists(catalogues), document.withdrawn(), document.withdrawnOffset());
    }
}
