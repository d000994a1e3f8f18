package org.pmoresearch.catalogue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.pmoresearch.catalogue.domain.CatalogueSeeder;
import org.pmoresearch.catalogue.domain.CatalogueVersion;
import org.pmoresearch.catalogue.store.CatalogueVersionStore;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The service as it ships, on a real Kafka broker (KRaft) and a MongoDB wire-protocol server. */
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(MongoJavaServerConfiguration.class)
class CatalogueServiceTest {

    private static final String ADMIN_PASSWORD = "correct horse battery staple";
    private static final String ADMIN_PASSWORD_HASH = new BCryptPasswordEncoder(4).encode(ADMIN_PASSWORD);
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void adminAccount(DynamicPropertyRegistry registry) {
        registry.add("pmo.admin.password-hash", () -> ADMIN_PASSWORD_HASH);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CatalogueVersionStore store;
    @Autowired
    CatalogueSeeder seeder;
    @Autowired
    JsonMapper jsonMapper;
    @Autowired
    PathMappedEndpoints actuatorEndpoints;

    @Test
    void publishesVersionOneOnStartKeyedByItsNumberWithTheEventTypeHeader() {
        ConsumerRecord<byte[], byte[]> record = catalogueRecordWithKey("1");

        assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("CataloguePublished");
        CataloguePublished event = jsonMapper.readValue(record.value(), CataloguePublished.class);
        assertThat(event.schemaVersion()).isEqualTo(CataloguePublished.SCHEMA_VERSION);
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.groups()).hasSize(4);
        assertThat(event.groups()).flatExtracting(CatalogueGroup::areas).hasSize(31);
        CatalogueVersion stored = store.find(1).orElseThrow();
        assertThat(event.eventId()).isEqualTo(stored.eventId());
        assertThat(event.publishedAt()).isEqualTo(stored.publishedAt());
    }

    @Test
    void publishedEventIsValidAgainstTheContractSchema() throws IOException {
        ConsumerRecord<byte[], byte[]> record = catalogueRecordWithKey("1");

        try (InputStream schemaJson = CataloguePublished.class.getResourceAsStream("/schemas/CataloguePublished.schema.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(jsonMapper.readTree(schemaJson));
            assertThat(schema.validate(jsonMapper.readTree(record.value()))).isEmpty();
        }
    }

    @Test
    void storesVersionOneAsOneDocumentAcknowledgedOnceKafkaAcked() {
        await().atMost(KAFKA_WAIT).untilAsserted(() ->
                assertThat(versionDocument(1).getBoolean("acknowledged")).isTrue());

        Document document = versionDocument(1);
        assertThat(document.keySet()).containsExactly("_id", "publishedAt", "eventId", "groups", "acknowledged", "changes");
        assertThat(document.get("eventId")).isInstanceOf(UUID.class);
        List<Document> groups = document.getList("groups", Document.class);
        assertThat(groups).hasSize(4);
        Document firstArea = groups.get(0).getList("areas", Document.class).get(0);
        assertThat(groups.get(0).keySet()).containsExactly("id", "name", "description", "areas");
        assertThat(firstArea.keySet()).containsExactly("id", "name", "description", "tasks");
        assertThat(firstArea.getList("tasks", Document.class).get(0).keySet()).containsExactly("id", "name", "description");
        assertThat(mongo.getCollection("catalogue_versions").countDocuments()).isEqualTo(1);
    }

    @Test
    void versionOneIsStoredWithAChangelogAddingEveryItem() {
        List<Document> changes = versionDocument(1).getList("changes", Document.class);

        int items = store.find(1).orElseThrow().groups().stream()
                .mapToInt(group -> 1 + group.areas().size() + group.areas().stream().mapToInt(area -> area.tasks().size()).sum())
                .sum();
        assertThat(changes).hasSize(items).allSatisfy(change -> assertThat(change.getString("type")).isEqualTo("ADDED"));
        assertThat(changes.get(0)).containsEntry("kind", "GROUP").containsEntry("id", "planning").doesNotContainKey("parent");
        assertThat(changes.get(1)).containsEntry("kind", "AREA").containsEntry("parent", "planning");
    }

    @Test
    void createsTheDraftFromVersionOneOnTheFirstStart() {
        Document draft = mongo.getCollection("catalogue_draft").find().first();

        assertThat(mongo.getCollection("catalogue_draft").countDocuments()).isEqualTo(1);
        assertThat(draft).containsEntry("_id", "draft").containsEntry("revision", 1L);
        List<Document> groups = draft.getList("groups", Document.class);
        assertThat(groups).extracting(group -> group.getString("id"))
                .containsExactly("planning", "delivery", "centre-of-excellence", "pmo-leadership");
        assertThat(groups.get(0).keySet()).containsExactly("id", "name", "description", "retired", "areas");
        assertThat(groups).allSatisfy(group -> assertThat(group.getBoolean("retired")).isFalse());
    }

    @Test
    void autoCreatesTheCatalogueTopicCompacted() {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CATALOGUE);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            await().atMost(KAFKA_WAIT).ignoreExceptions().untilAsserted(() -> {
                Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            });
        }
    }

    @Test
    void servesTheLatestVersion() throws Exception {
        mvc.perform(get("/api/catalogue"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.publishedAt").value(store.find(1).orElseThrow().publishedAt().toString()))
                .andExpect(jsonPath("$.groups.length()").value(4))
                .andExpect(jsonPath("$.groups[0].id").value("planning"))
                .andExpect(jsonPath("$.groups[0].name").value("Planning"))
                .andExpect(jsonPath("$.groups[0].description").isNotEmpty())
                .andExpect(jsonPath("$.groups[*].areas[*]", hasSize(31)))
                .andExpect(jsonPath("$.groups[0].areas[0].id").value("portfolio-build-prioritisation"))
                .andExpect(jsonPath("$.groups[0].areas[0].name").isNotEmpty())
                .andExpect(jsonPath("$.groups[0].areas[0].description").isNotEmpty())
                .andExpect(jsonPath("$.groups[0].areas[0].tasks[0].id").value("portfolio-register"))
                .andExpect(jsonPath("$.groups[*].areas[*].tasks[*]", everyItem(hasKey("name"))))
                .andExpect(jsonPath("$.groups[*].areas[*].tasks[*]", everyItem(hasKey("description"))));
    }

    @Test
    void servesAVersionByItsNumber() throws Exception {
        mvc.perform(get("/api/catalogue/versions/1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.groups[3].id").value("pmo-leadership"))
                .andExpect(jsonPath("$.groups[3].areas[1].id").value("running-the-pmo"))
                .andExpect(jsonPath("$.groups[1].areas[3].tasks[2].id").value("risk-escalation"));
    }

    @Test
    void apiDocsArePublic() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/catalogue/versions/{version}']").exists())
                .andExpect(jsonPath("$.paths['/api/catalogue/versions/{version}/changes']").exists())
                .andExpect(jsonPath("$.paths['/api/admin/catalogue/publish']").exists())
                .andExpect(jsonPath("$.paths['/api/admin/catalogue/import']").exists());
    }

    @Test
    void unknownVersionIsA404ProblemNamingTheVersion() throws Exception {
        mvc.perform(get("/api/catalogue/versions/99"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.type").isNotEmpty())
                .andExpect(jsonPath("$.detail").value(containsString("99")));
    }

    @Test
    void nonNumericVersionIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(get("/api/catalogue/versions/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.type").isNotEmpty())
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").value(containsString("abc")))
                .andExpect(jsonPath("$.errors[0].field").value("version"))
                .andExpect(jsonPath("$.errors[0].reason").isNotEmpty());
    }

    @Test
    void versionZeroIsA400ProblemNamingTheField() throws Exception {
        mvc.perform(get("/api/catalogue/versions/0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("version"))
                .andExpect(jsonPath("$.errors[0].reason").isNotEmpty());
    }

    @Test
    void seedingAgainDoesNotCreateASecondVersion() {
        UUID firstEventId = store.find(1).orElseThrow().eventId();

        assertThat(seeder.seedFirstVersionIfEmpty()).isFalse();

        assertThat(mongo.getCollection("catalogue_versions").countDocuments()).isEqualTo(1);
        assertThat(store.find(1).orElseThrow().eventId()).isEqualTo(firstEventId);
    }

    @Test
    void storingAVersionNumberThatExistsFailsWithADuplicateKey() {
        CatalogueVersion first = store.find(1).orElseThrow();
        CatalogueVersion rival = new CatalogueVersion(1, UUID.randomUUID(), first.publishedAt(), first.groups(), List.of());

        assertThatThrownBy(() -> store.insert(rival)).isInstanceOf(DuplicateKeyException.class);
        assertThat(store.find(1).orElseThrow().eventId()).isEqualTo(first.eventId());
    }

    @Test
    void actuatorExposesOnlyHealthAndPrometheus() throws Exception {
        assertThat(actuatorEndpoints.getAllRootPaths()).containsExactlyInAnyOrder("health", "prometheus");

        mvc.perform(get("/actuator/env")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }

    @Test
    void prometheusShowsThePublishedVersionAndCounters() {
        await().atMost(KAFKA_WAIT).untilAsserted(() ->
                mvc.perform(get("/actuator/prometheus"))
                        .andExpect(status().isOk())
                        .andExpect(content().string(containsString("pmo_catalogue_version_current{application=\"catalogue-service\"} 1.0")))
                        .andExpect(content().string(containsString("pmo_catalogue_published_total{application=\"catalogue-service\"} 1.0")))
                        .andExpect(content().string(containsString("pmo_catalogue_publish_failures_total{application=\"catalogue-service\"} 0.0"))));
    }

    @Test
    void aHeadRequestIsAnsweredAsAGetWouldBe() throws Exception {
        mvc.perform(head("/api/catalogue"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(head("/api/catalogue/versions/1")).andExpect(status().isOk());
        mvc.perform(head("/actuator/health")).andExpect(status().isOk());
        mvc.perform(head("/api/admin/anything")).andExpect(status().isUnauthorized());
    }

    @Test
    void adminPathsWithoutCredentialsAre401Problems() throws Exception {
        mvc.perform(get("/api/admin/anything"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void adminPathsWithAWrongPasswordAre401() throws Exception {
        mvc.perform(get("/api/admin/anything").with(httpBasic("admin", "wrong password")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theAdminCredentialsPassSecurity() throws Exception {
        mvc.perform(get("/api/admin/anything").with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void requestsOutsideThePublicApiAreDeniedAsNotFound() throws Exception {
        mvc.perform(post("/api/catalogue")).andExpect(status().isNotFound());
        mvc.perform(get("/internal")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private Document versionDocument(int version) {
        return mongo.getCollection("catalogue_versions").find(new Document("_id", version)).first();
    }

    private ConsumerRecord<byte[], byte[]> catalogueRecordWithKey(String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AtomicReference<ConsumerRecord<byte[], byte[]>> found = new AtomicReference<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CATALOGUE));
            await().atMost(KAFKA_WAIT).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.set(record);
                    }
                }
                return found.get() != null;
            });
        }
        return found.get();
    }
}
