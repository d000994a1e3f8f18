package org.pmoresearch.platform;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the store's unique indexes. It writes and reads keys exactly as H2's {@link ObjectDataType}, and
 * orders them as it does: by their Java-serialised bytes, compared unsigned. The backend's index keys are
 * {@link KeyValue}s, which H2 can only order that way, so every step of every index lookup serialised two keys; a
 * profile of inserts into the embedded store had a third of its time there.
 * <p>
 * A key holding a single string, which is what an {@code _id} or any one-field index on ids holds, is ordered
 * without serialising it. Such keys serialise to the same bytes up to the string, and Java serialisation writes a
 * string (up to 65,535 bytes) as its length in modified UTF-8, two bytes big-endian, then its characters in modified
 * UTF-8. So the shorter encoding comes first; between encodings of the same length the first different character
 * decides, by the order of its encoding: the character's value, except that U+0000 (encoded in two bytes, C0 80)
 * comes after U+007F and before U+0080. Every other key is compared as H2 compares it.
 */
final class IndexKeyType extends ObjectDataType {

    /** The longest encoding Java serialisation writes with a two-byte length. */
    private static final int MAX_SHORT_UTF_LENGTH = 0xFFFF;

    @Override
    public int compare(Object a, Object b) {
        String x = singleString(a);
        String y = singleString(b);
        if (x != null && y != null) {
            int lengthX = modifiedUtf8Length(x);
            int lengthY = modifiedUtf8Length(y);
            if (lengthX <= MAX_SHORT_UTF_LENGTH && lengthY <= MAX_SHORT_UTF_LENGTH) {
                return compareShortStrings(x, lengthX, y, lengthY);
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

    private static int compareShortStrings(String x, int lengthX, String y, int lengthY) {
        if (lengthX != lengthY) {
            return lengthX < lengthY ? -1 : 1;
        }
        // Equal encoded lengths and equal characters up to the shorter string mean equal strings.
        int common = Math.min(x.length(), y.length());
        for (int i = 0; i < common; i++) {
            char cx = x.charAt(i);
            char cy = y.charAt(i);
            if (cx != cy) {
                return Integer.compare(encodingRank(cx), encodingRank(cy));
            }
        }
        return 0;
    }

    /** Orders characters as their modified UTF-8 encodings order: U+0000 between U+007F and U+0080. */
    private static int encodingRank(char c) {
        return c == 0 ? 0x7F * 2 + 1 : c * 2;
    }

    private static int modifiedUtf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return length;
    }
}
