package org.pmoresearch.catalogue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A real MongoDB wire-protocol server (mongo-java-server, in memory) owned by the test's Spring context,
 * so that it lives exactly as long as the application that uses it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MongoJavaServerConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    MongoServer mongoServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("localhost", 0);
        return server;
    }

    @Bean
    DynamicPropertyRegistrar mongoUri(MongoServer server) {
        return registry -> registry.add("spring.mongodb.uri",
                () -> "mongodb://localhost:" + server.getLocalAddress().getPort() + "/catalogue");
    }
}
