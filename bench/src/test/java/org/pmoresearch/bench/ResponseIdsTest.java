package org.pmoresearch.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseIdsTest {

    @Test
    void timeOrderedIdsAreVersion7WithTheMillisecondsInFront() {
        long millis = 1_765_112_345_678L;
        UUID id = ResponseIds.timeOrdered(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", millis >>> 16, millis & 0xFFFF));
    }

    @Test
    void timeOrderedIdsSortAsTheirMillisecondsDo() {
        List<String> made = new ArrayList<>();
        for (long millis = 1_765_112_345_678L; millis < 1_765_112_345_678L + 70_000; millis += 7) {
            made.add(ResponseIds.timeOrdered(millis).toString());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void randomIdsAreVersion4() {
        UUID id = ResponseIds.random();

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(ResponseIds.RANDOM.next()).isNotEqualTo(ResponseIds.RANDOM.next());
    }

    @Test
    void theOptionChoosesTheKindAndRefusesAnythingElse() {
        Set<String> names = BenchArgs.withCommonNames(ResponseIds.OPTION);

        assertThat(ResponseIds.of(BenchArgs.parse(new String[0], names))).isEqualTo(ResponseIds.TIME_ORDERED);
        assertThat(ResponseIds.of(BenchArgs.parse(new String[] {"--response-ids=random"}, names)))
                .isEqualTo(ResponseIds.RANDOM);
        assertThat(ResponseIds.of(BenchArgs.parse(new String[] {"--response-ids=time-ordered"}, names)))
                .isEqualTo(ResponseIds.TIME_ORDERED);
        assertThatThrownBy(() -> ResponseIds.of(BenchArgs.parse(new String[] {"--response-ids=v4"}, names)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time-ordered or random");
    }
}
