package org.pmoresearch.analytics.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CounterSlotsTest {

    @Test
    void aSlotNamesItsAreaAndTaskAndIsFoundByEqualIds() {
        String areaId = "slots-area-" + System.nanoTime();

        int area = CounterSlots.area(areaId);
        int task = CounterSlots.task(new String(areaId.toCharArray()), "slots-task");

        assertThat(task).isNotEqualTo(area);
        assertThat(CounterSlots.areaId(area)).isEqualTo(areaId);
        assertThat(CounterSlots.taskId(area)).isNull();
        assertThat(CounterSlots.areaId(task)).isEqualTo(areaId);
        assertThat(CounterSlots.taskId(task)).isEqualTo("slots-task");
        assertThat(CounterSlots.findArea(new String(areaId.toCharArray()))).isEqualTo(area);
        assertThat(CounterSlots.findTask(areaId, new String("slots-task".toCharArray()))).isEqualTo(task);
        assertThat(CounterSlots.findTask(areaId, "never-registered")).isEqualTo(-1);
        assertThat(CounterSlots.findArea("never-registered-" + System.nanoTime())).isEqualTo(-1);
        assertThat(CounterSlots.size()).isGreaterThan(Math.max(area, task));
    }

    /** Threads that meet the same new ids at once get the same slots, and different ids never share one. */
    @Test
    void idsMetAtOnceByManyThreadsGetOneSlotEach() throws Exception {
        String prefix = "concurrent-" + System.nanoTime() + "-";
        int threads = 8;
        int areas = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<int[]>> registrations = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                registrations.add(() -> IntStream.range(0, areas)
                        .flatMap(i -> IntStream.of(CounterSlots.task(prefix + i, "task"), CounterSlots.area(prefix + i)))
                        .toArray());
            }
            List<int[]> seen = new ArrayList<>();
            for (Future<int[]> result : pool.invokeAll(registrations)) {
                seen.add(result.get());
            }

            for (int[] slots : seen) {
                assertThat(slots).containsExactly(seen.get(0));
            }
            Set<Integer> distinct = IntStream.of(seen.get(0)).boxed().collect(Collectors.toSet());
            assertThat(distinct).hasSize(2 * areas);
            for (int i = 0; i < areas; i++) {
                assertThat(CounterSlots.areaId(seen.get(0)[2 * i])).isEqualTo(prefix + i);
                assertThat(CounterSlots.taskId(seen.get(0)[2 * i])).isEqualTo("task");
                assertThat(CounterSlots.taskId(seen.get(0)[2 * i + 1])).isNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
