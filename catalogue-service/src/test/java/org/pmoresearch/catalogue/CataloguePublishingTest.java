package org.pmoresearch.catalogue;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.pmoresearch.catalogue.domain.CatalogueVersion;
import org.pmoresearch.catalogue.store.CatalogueVersionStore;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CatalogueTask;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.EventHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An organiser's edits, published over HTTP, reach a Kafka consumer as the next catalogue version. */
class CataloguePublishingTest extends RunningCatalogueService {

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    CatalogueVersionStore store;
    @Autowired
    JsonMapper jsonMapper;

    @Test
    void aPublishedDraftReachesAConsumerAsTheNextVersionKeyedByItsNumber() {
        int next = store.findLatest().orElseThrow().version() + 1;
        assertThat(admin("POST", "/api/admin/catalogue/areas/benefits-management/tasks", draftETag(),
                "{\"id\": \"benefits-dashboard\", \"name\": \"Benefits dashboard\"}").statusCode()).isEqualTo(200);
        assertThat(admin("PATCH", "/api/admin/catalogue/areas/ppm-tools", draftETag(),
                "{\"name\": \"PPM tools and platforms\"}").statusCode()).isEqualTo(200);
        assertThat(admin("POST", "/api/admin/catalogue/tasks/ppm-report-building/retire", draftETag(), null).statusCode())
                .isEqualTo(200);

        HttpResponse<String> published = admin("POST", "/api/admin/catalogue/publish", draftETag(), null);

        assertThat(published.statusCode()).isEqualTo(201);
        assertThat(published.headers().firstValue("Location")).hasValue("/api/catalogue/versions/" + next);
        ConsumerRecord<byte[], byte[]> record = catalogueRecordWithKey(broker.getBrokersAsString(), Integer.toString(next));
        assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("CataloguePublished");
        CataloguePublished event = jsonMapper.readValue(record.value(), CataloguePublished.class);
        CatalogueVersion stored = store.find(next).orElseThrow();
        assertThat(event.version()).isEqualTo(next);
        assertThat(event.eventId()).isEqualTo(stored.eventId());
        assertThat(event.groups()).isEqualTo(stored.groups());
        assertThat(area(event.groups(), "ppm-tools").name()).isEqualTo("PPM tools and platforms");
        assertThat(area(event.groups(), "ppm-tools").tasks()).extracting(CatalogueTask::id).doesNotContain("ppm-report-building");
        assertThat(area(event.groups(), "benefits-management").tasks()).extracting(CatalogueTask::id).endsWith("benefits-dashboard");
        await().atMost(KAFKA_WAIT).untilAsserted(() -> assertThat(store.findUnacknowledged()).isEmpty());
    }

    @Test
    void thePublishedVersionListsItsChangesAndEarlierVersionsStayAsTheyWere() {
        int previous = store.findLatest().orElseThrow().version();
        String previousCatalogue = get("/api/catalogue/versions/" + previous).body();
        admin("POST", "/api/admin/catalogue/tasks/post-implementation-reviews/move", draftETag(),
                "{\"to\": \"governance-assurance\", \"position\": 1}");

        assertThat(admin("POST", "/api/admin/catalogue/publish", draftETag(), null).statusCode()).isEqualTo(201);

        JsonNode changes = jsonMapper.readTree(get("/api/catalogue/versions/" + (previous + 1) + "/changes").body());
        assertThat(changes.get("previousVersion").asInt()).isEqualTo(previous);
        assertThat(changes.get("changes").valueStream().map(change -> change.get("type").asString() + " " + change.get("id").asString()))
                .contains("moved post-implementation-reviews");
        JsonNode versions = jsonMapper.readTree(get("/api/catalogue/versions").body());
        assertThat(versions.get(versions.size() - 1).get("version").asInt()).isEqualTo(previous + 1);
        assertThat(get("/api/catalogue/versions/" + previous).body()).isEqualTo(previousCatalogue);
        assertThat(get("/actuator/prometheus").body())
                .contains("pmo_catalogue_draft_edits_total{application=\"catalogue-service\",operation=\"move\"}");
    }

    private static CatalogueArea area(List<CatalogueGroup> groups, String id) {
        return groups.stream().flatMap(group -> group.areas().stream())
                .filter(area -> area.id().equals(id)).findFirst().orElseThrow();
    }
}
