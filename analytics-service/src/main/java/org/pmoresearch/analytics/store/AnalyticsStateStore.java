package org.pmoresearch.analytics.store;

import org.bson.Document;
import org.pmoresearch.analytics.domain.Generation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The service's own bookkeeping, shared by every instance: which generation is active, and the state of
 * the latest rebuild (which doubles as the lock that lets only one rebuild run at a time).
 */
@Repository
public class AnalyticsStateStore {

    static final String COLLECTION = "analytics_state";
    private static final String ACTIVE_GENERATION = "active-generation";
    private static final String REBUILD = "rebuild";
    private static final String GENERATION = "generation";
    private static final String STATUS = "status";
    private static final String HEARTBEAT_AT = "heartbeatAt";

    private final MongoOperations mongo;

    public AnalyticsStateStore(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** The generation the counts are read from and written to; generation 1 until a rebuild completes. */
    public Generation activeGeneration() {
        Document pointer = mongo.findById(ACTIVE_GENERATION, Document.class, COLLECTION);
        return pointer == null ? Generation.FIRST : new Generation(((Number) pointer.get(GENERATION)).intValue());
    }

    /**
     * Makes {@code next} the active generation if {@code current} still is.
     * @return false when another instance switched first
     */
    public boolean activate(Generation current, Generation next) {
        if (current.equals(Generation.FIRST)) {
            try {
                mongo.insert(new Document("_id", ACTIVE_GENERATION).append(GENERATION, next.number()), COLLECTION);
                return true;
            } catch (DuplicateKeyException pointerExists) {
                // an earlier rebuild created it: switch by condition like any later one
            }
        }
        return mongo.updateFirst(query(where("_id").is(ACTIVE_GENERATION).and(GENERATION).is(current.number())),
                new Update().set(GENERATION, next.number()), COLLECTION).getModifiedCount() == 1;
    }

    public void dropCollections(Generation generation) {
        mongo.dropCollection(generation.factsCollection());
        mongo.dropCollection(generation.countsCollection());
    }

    public Optional<RebuildState> rebuild() {
        return Optional.ofNullable(mongo.findById(REBUILD, RebuildState.class, COLLECTION));
    }

    /**
     * Records {@code started} as the running rebuild unless another one is running, judged by its heartbeat:
     * a rebuild whose instance died stops beating and may be taken over after {@code staleAfter}.
     */
    public boolean tryStartRebuild(RebuildState started, Duration staleAfter) {
        try {
            mongo.insert(started, COLLECTION);
            return true;
        } catch (DuplicateKeyException earlierRebuild) {
            Criteria notRunning = new Criteria().orOperator(
                    where(STATUS).ne(RebuildState.RUNNING),
                    where(HEARTBEAT_AT).lt(Instant.now().minus(staleAfter)));
            RebuildState previous = mongo.findAndModify(
                    query(where("_id").is(REBUILD).andOperator(notRunning)),
                    fieldsOf(started),
                    FindAndModifyOptions.options().returnNew(false),
                    RebuildState.class, COLLECTION);
            return previous != null;
        }
    }

    /** Stores the progress of the rebuild {@code state} belongs to, unless another rebuild took over. */
    public void updateRebuild(RebuildState state) {
        mongo.updateFirst(query(where("_id").is(REBUILD).and("rebuildId").is(state.rebuildId())), fieldsOf(state),
                COLLECTION);
    }

    /** Every field, absent ones as null, so nothing of an earlier rebuild is left behind. */
    private static Update fieldsOf(RebuildState state) {
        return new Update()
                .set("rebuildId", state.rebuildId())
                .set(STATUS, state.status())
                .set("startedAt", state.startedAt())
                .set("completedAt", state.completedAt())
                .set("eventsApplied", state.eventsApplied())
                .set(GENERATION, state.generation())
                .set(HEARTBEAT_AT, state.heartbeatAt())
                .set("detail", state.detail());
    }

    /** The state of the latest rebuild, stored under a fixed id. */
    public record RebuildState(
            @Id String id,
            String rebuildId,
            String status,
            Instant startedAt,
            Instant completedAt,
            long eventsApplied,
            int generation,
            Instant heartbeatAt,
            String detail) {

        public static final String RUNNING = "running";
        public static final String COMPLETED = "completed";
        public static final String FAILED = "failed";

        public static RebuildState running(String rebuildId, Generation target, Instant now) {
            return new RebuildState(REBUILD, rebuildId, RUNNING, now, null, 0, target.number(), now, null);
        }

        public RebuildState progressed(long applied, Instant now) {
            return new RebuildState(id, rebuildId, status, startedAt, completedAt, applied, generation, now, detail);
        }

        public RebuildState completed(long applied, Instant now) {
            return new RebuildState(id, rebuildId, COMPLETED, startedAt, now, applied, generation, now, null);
        }

        public RebuildState failed(long applied, Instant now, String why) {
            return new RebuildState(id, rebuildId, FAILED, startedAt, now, applied, generation, now, why);
        }
    }
}
