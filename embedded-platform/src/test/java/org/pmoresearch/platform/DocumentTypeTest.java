package org.pmoresearch.platform;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentTypeTest {

    @TempDir
    Path temporary;

    @Test
    void writesADocumentOfDecodedValuesAsBsonAndReadsBackAnEqualOne() {
        Document document = everyDecodedType();

        ByteBuffer written = write(new DocumentType(), document);

        assertThat(written.get(0)).isEqualTo(DocumentType.BSON);
        Object read = new DocumentType().read(written);
        assertThat(read).isEqualTo(document);
        assertThat(written.remaining()).as("bytes left after the document").isZero();
        Document nested = (Document) ((Document) read).get("nested");
        assertThat(nested.get("count")).isInstanceOf(Long.class);
    }

    @Test
    void keepsWhatBsonWouldChangeAsH2WritesIt() {
        List<Document> changedByBson = List.of(
                new Document("_id", "a").append("at", Instant.parse("2026-11-28T10:15:30.123456Z")),
                new Document("_id", "b").append("when", new Date(0)),
                new Document("_id", "c").append("ratio", 0.5f),
                new Document("_id", "d").append("nested", new Document("tags", List.of(new Date(1)))),
                new Document("_id", "e").append("nul\0key", 1));

        for (Document document : changedByBson) {
            ByteBuffer written = write(new DocumentType(), document);
            assertThat(written.get(0)).as("%s", document).isNotEqualTo(DocumentType.BSON);
            assertThat(new DocumentType().read(written)).isEqualTo(document);
        }
        ByteBuffer notADocument = write(new DocumentType(), "an index value");
        assertThat(new ObjectDataType().read(notADocument)).isEqualTo("an index value");
    }

    @Test
    void readsTheDocumentsH2WroteAndBothKindsInOneMap() {
        Path file = temporary.resolve("store.mv.db");
        Document before = everyDecodedType();
        // Java serialisation reads MinKey and MaxKey back as new instances, unequal to the singletons.
        before.remove("min");
        before.remove("max");
        try (MVStore store = MVStore.open(file.toString())) {
            store.<Object, Document>openMap("documents").put("before", before);
        }
        Document after = new Document("_id", "after").append("tasks", "risk-register risk-reviews");
        try (MVStore store = MVStore.open(file.toString())) {
            MVMap<Object, Document> documents = store.openMap("documents",
                    new MVMap.Builder<Object, Document>().valueType(new DocumentType()));
            assertThat(documents.get("before")).isEqualTo(before);
            documents.put("after", after);
        }
        try (MVStore store = MVStore.open(file.toString())) {
            MVMap<Object, Document> documents = store.openMap("documents",
                    new MVMap.Builder<Object, Document>().valueType(new DocumentType()));
            assertThat(documents.get("before")).isEqualTo(before);
            assertThat(documents.get("after")).isEqualTo(after);
        }
    }

    private static ByteBuffer write(DocumentType type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        return written;
    }

    private static Document everyDecodedType() {
        List<Object> list = new ArrayList<>(List.of("a", 1, 2L));
        list.add(null);
        list.add(new Document("x", 1.5));
        return new Document("_id", UUID.randomUUID().toString())
                .append("int", 7)
                .append("long", 1L << 40)
                .append("double", -0.0)
                .append("true", true)
                .append("null", null)
                .append("at", Instant.parse("2026-11-28T10:15:30.123Z"))
                .append("objectId", new ObjectId())
                .append("uuid", UUID.randomUUID())
                .append("legacyUuid", new LegacyUUID(UUID.randomUUID()))
                .append("binary", new BinData(new byte[] {1, 2, 3}))
                .append("decimal", Decimal128.ONE)
                .append("timestamp", new BsonTimestamp(42L))
                .append("min", MinKey.getInstance())
                .append("max", MaxKey.getInstance())
                .append("text with NUL", "a\0b")
                .append("list", list)
                .append("nested", new Document("count", 3L).append("deeper", new Document("empty", List.of())));
    }
}
