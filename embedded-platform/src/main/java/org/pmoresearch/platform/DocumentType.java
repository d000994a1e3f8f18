package org.pmoresearch.platform;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The value type of the store's document maps: a document is written as BSON, after a tag of its own, where H2's
 * {@link ObjectDataType} writes it with Java serialisation. H2 serialises every changed page when it commits, and a
 * profile of a rebuild of analytics had more than half of the store's time in serialising documents that way; BSON
 * is the form the documents arrived in, and about half the size.
 * <p>
 * A document is written as BSON only when reading it back gives an equal document of the same types: every value is
 * one the BSON decoder itself produces (a date only to the millisecond, a list, a nested {@link Document}), and no
 * key holds a NUL. Any other document, and any value that is not a document, is written as {@link ObjectDataType}
 * writes it. Every value is read by its first byte: the tag, or one of H2's, so a file written before (all Java
 * serialisation) is read as it is; H2's own type cannot read the BSON values, so a file once written here needs this
 * type from then on.
 */
final class DocumentType extends ObjectDataType {

    /** H2's own tags are 0 to 119; this one marks a BSON document. */
    static final byte BSON = 0x7F;

    /** The value classes the BSON decoder produces, besides documents and lists. */
    private static final Set<Class<?>> DECODED = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class, ObjectId.class, UUID.class, LegacyUUID.class, BinData.class, Decimal128.class,
            BsonTimestamp.class, BsonRegularExpression.class, BsonJavaScript.class, MinKey.class, MaxKey.class);

    private static final int INITIAL_BUFFER = 8 * 1024;
    /** A thread's buffer grown past this by a large document is replaced by a new one before its next use. */
    private static final int MAX_KEPT_BUFFER = 1024 * 1024;
    private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(INITIAL_BUFFER));

    /** Estimated memory of a document, as H2 estimates it: twice its stored size, averaged over recent ones. */
    private volatile int averageMemory = 4 * 1024;

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageMemory : super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        ByteBuf bson = value instanceof Document document && roundTrips(document) ? encode(document) : null;
        if (bson == null) {
            super.write(buffer, value);
            return;
        }
        counted(bson.readableBytes());
        buffer.put(BSON);
        buffer.put(bson.nioBuffer());
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return super.read(buffer);
        }
        buffer.get();
        // BSON starts with its own length, little-endian.
        int size = Integer.reverseBytes(buffer.getInt(buffer.position()));
        ByteBuffer bson = buffer.slice();
        bson.limit(size);
        buffer.position(buffer.position() + size);
        counted(size);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /**
     * The document as BSON in this thread's buffer, or null where the encoder refuses it (it is then written as H2
     * writes it). H2 writes a commit's pages on a few threads of its own.
     */
    private static ByteBuf encode(Document document) {
        ByteBuf bson = ENCODING.get();
        if (bson.capacity() > MAX_KEPT_BUFFER) {
            bson = Unpooled.buffer(INITIAL_BUFFER);
            ENCODING.set(bson);
        }
        bson.clear();
        try {
            BsonEncoder.encodeDocument(document, bson);
            return bson;
        } catch (RuntimeException refused) {
            return null;
        }
    }

    private void counted(int size) {
        averageMemory = (int) ((2L * size + 15L * averageMemory) / 16);
    }

    /** Whether BSON holds the document exactly: decoding it gives the same keys, values and value types. */
    private static boolean roundTrips(Document document) {
        for (Map.Entry<String, Object> entry : document.entrySet()) {
            if (entry.getKey().indexOf('\0') >= 0 || !roundTrips(entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean roundTrips(Object value) {
        if (value == null || value instanceof String || DECODED.contains(value.getClass())) {
            return true;
        }
        if (value instanceof Instant instant) {
            return instant.getNano() % 1_000_000 == 0;
        }
        if (value instanceof Document document) {
            return roundTrips(document);
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!roundTrips(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
