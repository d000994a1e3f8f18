package org.pmoresearch.catalogue.store;

import org.bson.Document;
import org.pmoresearch.catalogue.domain.CatalogueHistory;
import org.pmoresearch.catalogue.domain.CatalogueVersion;
import org.pmoresearch.catalogue.domain.VersionSummary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Published catalogue versions. Their content is written once and never changed. */
@Repository
public class CatalogueVersionStore {

    private static final String VERSION = "_id";

    private final MongoOperations mongo;

    public CatalogueVersionStore(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Stores a new version, not yet acknowledged by Kafka.
     *
     * @throws DuplicateKeyException if that version number is already stored
     */
    public void insert(CatalogueVersion version) {
        mongo.insert(CatalogueVersionDocument.unacknowledged(version));
    }

    public boolean isEmpty() {
        return !mongo.exists(new Query(), CatalogueVersionDocument.class);
    }

    public Optional<CatalogueVersion> find(int version) {
        return Optional.ofNullable(mongo.findById(version, CatalogueVersionDocument.class))
                .map(CatalogueVersionDocument::toDomain);
    }

    public Optional<CatalogueVersion> findLatest() {
        Query latest = new Query().with(Sort.by(Sort.Direction.DESC, VERSION)).limit(1);
        return Optional.ofNullable(mongo.findOne(latest, CatalogueVersionDocument.class))
                .map(CatalogueVersionDocument::toDomain);
    }

    /** Versions Kafka has not acknowledged yet, oldest first: the order they must be published in. */
    public List<CatalogueVersion> findUnacknowledged() {
        Query unacknowledged = new Query(where(CatalogueVersionDocument.ACKNOWLEDGED).is(false))
                .with(Sort.by(Sort.Direction.ASC, VERSION));
        return mongo.find(unacknowledged, CatalogueVersionDocument.class).stream()
                .map(CatalogueVersionDocument::toDomain)
                .toList();
    }

    public OptionalInt findLatestAcknowledgedVersion() {
        Query latestAcknowledged = new Query(where(CatalogueVersionDocument.ACKNOWLEDGED).is(true))
                .with(Sort.by(Sort.Direction.DESC, VERSION)).limit(1);
        latestAcknowledged.fields().include(VERSION);
        Document latest = mongo.findOne(latestAcknowledged, Document.class, CatalogueVersionDocument.COLLECTION);
        return latest == null ? OptionalInt.empty() : OptionalInt.of(latest.getInteger(VERSION));
    }

    /** Every version, oldest first, without its content. */
    public List<VersionSummary> findSummaries() {
        Query all = new Query().with(Sort.by(Sort.Direction.ASC, VERSION));
        all.fields().include(CatalogueVersionDocument.PUBLISHED_AT).include(CatalogueVersionDocument.CHANGES);
        return mongo.find(all, Document.class, CatalogueVersionDocument.COLLECTION).stream()
                .map(version -> new VersionSummary(version.getInteger(VERSION),
                        version.getDate(CatalogueVersionDocument.PUBLISHED_AT).toInstant(),
                        version.getList(CatalogueVersionDocument.CHANGES, Document.class, List.of()).size()))
                .toList();
    }

    /** The ids every stored version has used. */
    public CatalogueHistory history() {
        return CatalogueHistory.of(mongo.findAll(CatalogueVersionDocument.class).stream()
                .map(version -> version.toDomain().groups())
                .toList());
    }

    public void markAcknowledged(int version) {
        mongo.updateFirst(new Query(where(VERSION).is(version)),
                Update.update(CatalogueVersionDocument.ACKNOWLEDGED, true), CatalogueVersionDocument.class);
    }
}
