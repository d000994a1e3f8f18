package org.pmoresearch.platform;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IndexKeyTypeTest {

    /** Characters at the edges of modified UTF-8's one-, two- and three-byte encodings, U+0000 and surrogates. */
    private static final char[] EDGES = {'\u0000', '\u0001', 'a', 'z', '-', '~', '\u007F', '\u0080', '\u00E9', '\u07FF',
            '\u0800', '\u4E2D', '\uD83D', '\uDE00', '\uFFFD', '\uFFFF'};

    private final ObjectDataType h2 = new ObjectDataType();
    private final IndexKeyType fast = new IndexKeyType();

    @Test
    void ordersSingleStringKeysExactlyAsH2OrdersTheirSerialisedBytes() {
        Random random = new Random(20261127);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            strings.add(randomString(random));
        }
        for (int i = 0; i < 50; i++) {
            strings.add(UUID.randomUUID().toString());
        }
        strings.add("");
        for (String x : strings) {
            for (String y : strings) {
                assertSameOrder(new KeyValue(x), new KeyValue(y));
            }
        }
    }

    @Test
    void ordersIdsOfTheSameLengthCharacterByCharacterAndShorterEncodingsFirst() {
        assertThat(fast.compare(new KeyValue("b"), new KeyValue("aa"))).isNegative();
        assertThat(fast.compare(new KeyValue("risk-reviews"), new KeyValue("risk-register"))).isNegative();
        assertThat(fast.compare(new KeyValue("\u0000"), new KeyValue("\u007F"))).isPositive();
        assertThat(fast.compare(new KeyValue("\u0000"), new KeyValue("\u0080"))).isNegative();
        assertSameOrder(new KeyValue("b"), new KeyValue("aa"));
        assertSameOrder(new KeyValue("\u0000"), new KeyValue("\u007F"));
        assertSameOrder(new KeyValue("\u0000"), new KeyValue("\u0080"));
    }

    @Test
    void comparesEveryOtherKeyAsH2Does() {
        String longest = "\u4E2D".repeat(21_845);
        String tooLongForATwoByteLength = longest + "\u4E2D";
        List<Object> keys = List.of(new KeyValue(7), new KeyValue(7L), new KeyValue("a", "b"), new KeyValue("a", 1),
                new KeyValue(List.of("a")), new KeyValue(longest), new KeyValue(tooLongForATwoByteLength),
                new KeyValue("z"), new KeyValue(true), "a plain string", 42);
        for (Object x : keys) {
            for (Object y : keys) {
                assertSameOrder(x, y);
            }
        }
    }

    @Test
    void writesASingleStringKeyWithoutSerialisingItAndReadsBackAnEqualKey() {
        Random random = new Random(7);
        List<KeyValue> keys = new ArrayList<>(List.of(new KeyValue(""), new KeyValue(UUID.randomUUID().toString())));
        for (int i = 0; i < 200; i++) {
            keys.add(new KeyValue(randomString(random)));
        }
        for (KeyValue key : keys) {
            ByteBuffer written = write(key);
            assertThat(written.get(0)).isEqualTo(IndexKeyType.SINGLE_STRING);
            assertThat(fast.read(written)).as("%s", key).isEqualTo(key);
            assertThat(written.remaining()).isZero();
        }
    }

    @Test
    void writesEveryOtherKeyAsH2DoesAndReadsWhatH2Wrote() {
        List<Object> others = List.of(new KeyValue("a", "b"), new KeyValue(7), new KeyValue(new Object[] {List.of("a")}),
                "a string", 42L);
        for (Object key : others) {
            WriteBuffer byH2 = new WriteBuffer();
            h2.write(byH2, key);
            ByteBuffer written = write(key);
            assertThat(written).isEqualTo(byH2.getBuffer().flip());
            assertThat(fast.read(written)).isEqualTo(key);
        }
        WriteBuffer singleByH2 = new WriteBuffer();
        KeyValue single = new KeyValue("f3c1b2a0-1d2e-4f5a-8b9c-0d1e2f3a4b5c");
        h2.write(singleByH2, single);
        assertThat(fast.read(singleByH2.getBuffer().flip())).isEqualTo(single);
    }

    @Test
    void estimatesASingleStringKeyAsH2DoesOnceItsAverageSettles() {
        KeyValue key = new KeyValue("f3c1b2a0-1d2e-4f5a-8b9c-0d1e2f3a4b5c");
        for (int i = 0; i < 200; i++) {
            h2.write(new WriteBuffer(), key);
        }
        assertThat(fast.getMemory(key)).isCloseTo(h2.getMemory(key), org.assertj.core.data.Percentage.withPercentage(2));
    }

    private ByteBuffer write(Object key) {
        WriteBuffer buffer = new WriteBuffer();
        fast.write(buffer, key);
        return buffer.getBuffer().flip();
    }

    private void assertSameOrder(Object x, Object y) {
        assertThat(Integer.signum(fast.compare(x, y)))
                .as("order of %s and %s", x, y)
                .isEqualTo(Integer.signum(h2.compare(x, y)));
    }

    private static String randomString(Random random) {
        int length = random.nextInt(12);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(3)) {
                case 0:
                    s.append(EDGES[random.nextInt(EDGES.length)]);
                    break;
                case 1:
                    s.append((char) ('a' + random.nextInt(3)));
                    break;
                default:
                    s.append((char) random.nextInt(0x10000));
                    break;
            }
        }
        return s.toString();
    }
}
