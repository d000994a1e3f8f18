package org.pmoresearch.platform;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * The key type of the store's unique indexes. It orders keys as H2's {@link ObjectDataType} does: by their
 * Java-serialised bytes, compared unsigned. The backend's index keys are
 * {@link KeyValue}s, which H2 can only order that way, so every step of every index lookup serialised two keys; a
 * profile of inserts into the embedded store had a third of its time there.
 * <p>
 * A key holding a single string, which is what an {@code _id} or any one-field index on ids holds, is ordered
 * without serialising it. Such keys serialise to the same bytes up to the string, and Java serialisation writes a
 * string (up to 65,535 bytes) as its length in modified UTF-8, two bytes big-endian, then its characters in modified
 * UTF-8. So the shorter encoding comes first; between encodings of the same length the first different character
 * decides, by the order of its encoding: the character's value, except that U+0000 (encoded in two bytes, C0 80)
 * comes after U+007F and before U+0080. Every other key is compared as H2 compares it.
 * <p>
 * A single-string key is also written without Java serialisation: a tag of its own, then the string as H2 writes
 * strings. H2 writes every changed index page when it commits, and serialising these keys was a quarter of that
 * work. Its memory is estimated as H2 estimates the serialised key, so pages split as before. Every other key is
 * written as H2 writes it, and every key is read by its first byte.
 */
final class IndexKeyType extends ObjectDataType {

    /** The longest encoding Java serialisation writes with a two-byte length. */
    private static final int MAX_SHORT_UTF_LENGTH = 0xFFFF;
    /** H2's own tags are 0 to 119, {@link DocumentType#BSON} is 127; this one marks a single-string key. */
    static final byte SINGLE_STRING = 0x7E;
    /** Bytes of the Java serialisation of a key holding an empty string: what serialising such a key adds. */
    private static final int SERIALISED_KEY_OVERHEAD = ObjectDataType.serialize(new KeyValue("")).length;

    private final boolean compactStrings;

    IndexKeyType() {
        this(true);
    }

    /** @param compactStrings false to write every key as H2 writes it (Java serialisation), to compare with */
    IndexKeyType(boolean compactStrings) {
        this.compactStrings = compactStrings;
    }

    @Override
    public int getMemory(Object key) {
        String value = compactStrings ? singleString(key) : null;
        if (value == null) {
            return super.getMemory(key);
        }
        // As H2 estimates a serialised object once its running average settles: twice its serialised size.
        return 2 * (SERIALISED_KEY_OVERHEAD + value.length());
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
        String value = compactStrings ? singleString(key) : null;
        if (value == null) {
            super.write(buffer, key);
            return;
        }
        buffer.put(SINGLE_STRING).putVarInt(value.length()).putStringData(value, value.length());
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != SINGLE_STRING) {
            return super.read(buffer);
        }
        buffer.get();
        return new KeyValue(DataUtils.readString(buffer));
    }

    @Override
    public int compare(Object a, Object b) {
        String x = singleString(a);
        String y = singleString(b);
        if (x != null && y != null) {
            long order = compareShortStrings(x, y);
            if (order != TOO_LONG) {
                return (int) order;
            }
        }
        return super.compare(a, b);
    }

    private static String singleString(Object key) {
        if (key instanceof KeyValue) {
            KeyValue value = (KeyValue) key;
            if (value.size() == 1 && value.get(0) instanceof String) {
                return (String) value.get(0);
            }
        }
        return null;
    }

    /** What {@link #compareShortStrings} answers when either string is too long for a two-byte length. */
    private static final long TOO_LONG = Long.MIN_VALUE;

    /**
     * The characters before the first different one add the same to both encodings' lengths, so only the rest of
     * each string is measured.
     * @return negative, zero or positive, or {@link #TOO_LONG}
     */
    private static long compareShortStrings(String x, String y) {
        if (tooLong(x) || tooLong(y)) {
            return TOO_LONG;
        }
        int common = Math.min(x.length(), y.length());
        int first = 0;
        while (first < common && x.charAt(first) == y.charAt(first)) {
            first++;
        }
        int restX = modifiedUtf8Length(x, first);
        int restY = modifiedUtf8Length(y, first);
        if (restX != restY) {
            return restX < restY ? -1 : 1;
        }
        // Equal encoded lengths: either both strings end at the first difference (they are equal), or both go on.
        return first == common ? 0 : Integer.compare(encodingRank(x.charAt(first)), encodingRank(y.charAt(first)));
    }

    /** Whether the string's encoding is too long for a two-byte length; no character takes more than three bytes. */
    private static boolean tooLong(String s) {
        return s.length() > MAX_SHORT_UTF_LENGTH / 3 && modifiedUtf8Length(s, 0) > MAX_SHORT_UTF_LENGTH;
    }

    /** Orders characters as their modified UTF-8 encodings order: U+0000 between U+007F and U+0080. */
    private static int encodingRank(char c) {
        return c == 0 ? 0x7F * 2 + 1 : c * 2;
    }

    /** The modified UTF-8 length of the string's characters from {@code from} on. */
    private static int modifiedUtf8Length(String s, int from) {
        int length = 0;
        for (int i = from; i < s.length(); i++) {
            length += encodedLength(s.charAt(i));
        }
        return length;
    }

    private static int encodedLength(char c) {
        return c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
    }
}
