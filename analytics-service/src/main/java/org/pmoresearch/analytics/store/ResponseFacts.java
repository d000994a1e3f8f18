package org.pmoresearch.analytics.store;

import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.domain.ResponseFactStore;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The response facts of a generation: the writer the counting uses, and the reads that need single
 * responses (cross-filters, pages of responses, a respondent's own response).
 */
@Repository
public class ResponseFacts {

    /**
     * Facts per batch of a count's cursor. Without it the embedded store answers the whole result in one reply,
     * which the driver refuses once it is over 48 MB (about 20,000 facts); MongoDB caps its batches itself.
     */
    static final int COUNT_BATCH_SIZE = 1_000;

    private final MongoOperations mongo;
    private final CatalogueVersions catalogues;

    public ResponseFacts(MongoOperations mongo, CatalogueVersions catalogues) {
        this.mongo = mongo;
        this.catalogues = catalogues;
    }

    public ResponseFactStore store(Generation generation) {
        return new MongoResponseFactStore(mongo, catalogues, generation);
    }

    public Optional<ResponseFact> find(Generation generation, String responseId) {
        return store(generation).find(responseId);
    }

    /**
     * Counts the responses that are not withdrawn and match every filter, straight from the facts.
     * @param profileFilters profile dimension to the value it must have
     * @param catalogueVersion the catalogue version answered, or null for any
     */
    public SelectionCounts count(Generation generation, Map<String, String> profileFilters, Integer catalogueVersion) {
        Criteria criteria = counted(profileFilters);
        if (catalogueVersion != null) {
            criteria = criteria.and(ResponseFactDocument.CATALOGUE_VERSION).is(catalogueVersion);
        }
        SelectionCounts counts = new SelectionCounts();
        Query query = new Query(criteria).cursorBatchSize(COUNT_BATCH_SIZE);
        try (Stream<ResponseFactDocument> facts = mongo.stream(query, ResponseFactDocument.class,
                generation.factsCollection())) {
            facts.forEach(fact -> counts.add(fact.selectionLists(catalogues)));
        }
        return counts;
    }

    /**
     * Up to {@code limit} counted responses matching the filters, in responseId order, after {@code afterId}.
     * @param afterId null for the first page
     */
    public List<ResponseFact> page(Generation generation, String afterId, int limit, Map<String, String> profileFilters) {
        Criteria criteria = counted(profileFilters);
        if (afterId != null) {
            criteria = criteria.and("_id").gt(afterId);
        }
        Query query = new Query(criteria).with(Sort.by(Sort.Direction.ASC, "_id")).limit(limit);
        return mongo.find(query, ResponseFactDocument.class, generation.factsCollection()).stream()
                .map(fact -> MongoResponseFactStore.toFact(fact, catalogues))
                .toList();
    }

    // Tombstones are withdrawn too, so "not withdrawn" is exactly "counted".
    private static Criteria counted(Map<String, String> profileFilters) {
        Criteria criteria = where(ResponseFactDocument.WITHDRAWN).is(false);
        for (Map.Entry<String, String> filter : profileFilters.entrySet()) {
            criteria = criteria.and(ResponseFactDocument.PROFILE + "." + filter.getKey()).is(filter.getValue());
        }
        return criteria;
    }
}
