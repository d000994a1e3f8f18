package org.pmoresearch.analytics.messaging;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionWorkTest {

    private final ExecutorService pool = PartitionWork.pool("partition-work-test", 3);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void handsOverEveryResultInOrderOnDaemonThreadsNamedAfterThePool() {
        Map<TopicPartition, Future<String>> applying = new LinkedHashMap<>();
        for (int partition = 0; partition < 3; partition++) {
            applying.put(new TopicPartition("t", partition), pool.submit(() -> Thread.currentThread().getName()
                    + (Thread.currentThread().isDaemon() ? " daemon" : "")));
        }
        List<String> seen = new ArrayList<>();

        PartitionWork.awaitAll(applying, (partition, thread) -> seen.add(partition.partition() + " " + thread));

        assertThat(seen).hasSize(3);
        assertThat(seen).allMatch(line -> line.matches("\\d partition-work-test-\\d daemon"));
        assertThat(seen).extracting(line -> line.charAt(0)).containsExactly('0', '1', '2');
    }

    @Test
    void waitsForEveryPartitionThenThrowsTheFirstFailureWithTheOthersSuppressed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Map<TopicPartition, Future<Boolean>> applying = new LinkedHashMap<>();
        applying.put(new TopicPartition("t", 0), pool.submit(() -> {
            throw new IllegalArgumentException("store down");
        }));
        applying.put(new TopicPartition("t", 1), pool.submit(() -> false));
        Future<Boolean> slow = pool.submit(() -> release.await(10, TimeUnit.SECONDS));
        applying.put(new TopicPartition("t", 2), slow);
        List<TopicPartition> accepted = new ArrayList<>();
        release.countDown();

        assertThatThrownBy(() -> PartitionWork.awaitAll(applying, (partition, applied) -> {
            if (!applied) {
                throw new IllegalStateException("refused " + partition);
            }
            accepted.add(partition);
        }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("store down")
                .satisfies(failure -> assertThat(failure.getSuppressed()).singleElement()
                        .satisfies(refused -> assertThat(refused).hasMessage("refused t-1")));
        assertThat(slow.isDone()).isTrue();
        assertThat(accepted).containsExactly(new TopicPartition("t", 2));
    }
}
