package org.pmoresearch.analytics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.InetSocketAddress;

/**
 * A real MongoDB wire-protocol server (mongo-java-server) on a free local port. Registered as an extension
 * ({@code @RegisterExtension static final MongoTestServer MONGO = MongoTestServer.start();}) it empties the
 * database before each test and stops after the test class.
 */
public final class MongoTestServer implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    public static final String DATABASE = "analytics";

    private final MongoServer server;
    private final String uri;
    private MongoClient client;

    private MongoTestServer() {
        server = new MongoServer(new MemoryBackend());
        server.bind("localhost", 0);
        InetSocketAddress address = server.getLocalAddress();
        uri = "mongodb://localhost:" + address.getPort() + "/" + DATABASE;
    }

    public static MongoTestServer start() {
        return new MongoTestServer();
    }

    public String uri() {
        return uri;
    }

    public MongoTemplate template() {
        if (client == null) {
            client = MongoClients.create(uri);
        }
        return new MongoTemplate(client, DATABASE);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        template().getDb().drop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        server.shutdownNow();
    }
}
