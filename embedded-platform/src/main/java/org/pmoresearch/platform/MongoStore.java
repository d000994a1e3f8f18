package org.pmoresearch.platform;

import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-compatible store (mongo-java-server) whose H2 backend keeps every database in one
 * file, so the catalogue, the response facts and the counts survive a restart.
 */
final class MongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoStore.class);

    private final PlatformSettings settings;
    private final Path file;
    private MongoServer server;

    MongoStore(PlatformSettings settings) {
        this.settings = settings;
        this.file = settings.dataDir().resolve("mongo").resolve("pmo.mv.db").toAbsolutePath();
    }

    void start() throws Exception {
        Files.createDirectories(file.getParent());
        server = new MongoServer(StoreBackend.open(file));
        server.bind(settings.host(), settings.mongoPort());
        log.info("MongoDB-wire store listening on {}:{}, file {}", settings.host(), settings.mongoPort(), file);
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server = null;
            log.info("MongoDB-wire store stopped");
        }
    }
}
