package org.pmoresearch.catalogue.store;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * Replaces Boot's MongoDB health indicator, which sends {@code hello}: mongo-java-server, the store the
 * embedded platform runs, does not know that command and would report the service down. {@code ping}
 * works on every server that speaks the MongoDB wire protocol.
 */
@Component("mongoHealthIndicator")
class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoOperations mongo;

    MongoPingHealthIndicator(MongoOperations mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String database = mongo.execute(db -> {
            db.runCommand(new Document("ping", 1));
            return db.getName();
        });
        builder.up().withDetail("database", database);
    }
}
