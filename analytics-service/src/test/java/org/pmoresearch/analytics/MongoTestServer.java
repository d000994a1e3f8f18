package org.pmoresearch.analytics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.InetSocketAddress;

/** A real MongoDB wire-protocol server (mongo-java-server) on a free local port. */
public final class MongoTestServer implements AutoCloseable {

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
    public void close() {
        if (client != null) {
            client.close();
        }
        server.shutdownNow();
    }
}
