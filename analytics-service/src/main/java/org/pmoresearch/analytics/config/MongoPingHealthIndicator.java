package org.pmoresearch.analytics.config;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Store health by {@code ping}. Boot's MongoDB indicator sends {@code hello} to the service's own
 * database, which the embedded MongoDB-wire-compatible store rejects, so it would report DOWN there.
 */
@Component("mongoHealthIndicator")
class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    MongoPingHealthIndicator(MongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        mongo.executeCommand("{ ping: 1 }");
        builder.up().withDetail("database", mongo.getDb().getName());
    }
}
