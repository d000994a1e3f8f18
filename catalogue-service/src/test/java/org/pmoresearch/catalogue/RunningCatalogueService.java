package org.pmoresearch.catalogue;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.pmoresearch.contracts.Topics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * The service as it ships, listening on a real port, on a real Kafka broker (KRaft) and a MongoDB wire-protocol
 * server. Test classes extending it share one application (and one broker), so each of them works relative to
 * the versions that exist when it starts rather than assuming it is alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(MongoJavaServerConfiguration.class)
public abstract class RunningCatalogueService {

    protected static final String ADMIN_USER = "admin";
    protected static final String ADMIN_PASSWORD = "organiser-password";
    protected static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void adminAccount(DynamicPropertyRegistry registry) {
        String hash = new BCryptPasswordEncoder(4).encode(ADMIN_PASSWORD);
        registry.add("pmo.admin.password-hash", () -> hash);
    }

    @LocalServerPort
    protected int port;

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** An admin request sent as the administrator; a body, when given, is JSON. */
    protected HttpResponse<String> admin(String method, String path, String ifMatch, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch).header("Content-Type", "application/json");
        }
        return send(request);
    }

    protected String draftETag() {
        return admin("GET", "/api/admin/catalogue/draft", null, null).headers().firstValue("ETag").orElseThrow();
    }

    /** The first record on the catalogue topic with that key, read from the start by a new consumer group. */
    protected static ConsumerRecord<byte[], byte[]> catalogueRecordWithKey(String bootstrapServers, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AtomicReference<ConsumerRecord<byte[], byte[]>> found = new AtomicReference<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CATALOGUE));
            await().atMost(KAFKA_WAIT).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (found.get() == null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.set(record);
                    }
                }
                return found.get() != null;
            });
        }
        return found.get();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
