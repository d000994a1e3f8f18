package org.pmoresearch.analytics.bench;

import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.analytics.domain.HotspotCounts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The summing in a read of the hotspots when {@code m} of the twelve partitions stored new counts since the read
 * before: adding up every partition (the baseline, what each read did before) against the previous sum copied, the
 * moved partitions' old counts taken out and their new counts added (what {@code CurrentCounts} does when that is less
 * work). Both are timed in the same run on the same counts: twelve partitions of random respondents (every profile
 * dimension, so every segment) selecting 20 to 120 of 120 tasks in 20 areas. Not a test; run it with
 * <pre>
 * ./mvnw -q -B -pl analytics-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
 * java -cp analytics-service/target/test-classes:analytics-service/target/classes:$(cat analytics-service/target/bench.classpath) \
 *     org.pmoresearch.analytics.bench.CountsSumBenchmark    # [responses per partition, default 2000] [rounds, default 3]
 * </pre>
 */
public final class CountsSumBenchmark {

    private static final int PARTITIONS = 12;
    private static final int AREAS = 20;
    private static final int TASKS_PER_AREA = 6;
    private static final int[] MOVED = {1, 2, 3, 5};
    private static final int READS = 200;

    private CountsSumBenchmark() {
    }

    public static void main(String[] args) {
        int perPartition = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Random random = new Random(42);
        HotspotCounts[] before = new HotspotCounts[PARTITIONS];
        HotspotCounts[] after = new HotspotCounts[PARTITIONS];
        for (int partition = 0; partition < PARTITIONS; partition++) {
            before[partition] = new HotspotCounts();
            addResponses(before[partition], perPartition, random);
            after[partition] = before[partition].copy();
            addResponses(after[partition], 50, random);
        }
        HotspotCounts previous = new HotspotCounts();
        for (HotspotCounts partition : before) {
            previous.addAll(partition);
        }
        System.out.printf("%d partitions of %,d responses, %d reads per figure; round 1 warms the JIT up%n",
                PARTITIONS, perPartition, READS);
        long checksum = 0;
        for (int round = 1; round <= rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int moved : MOVED) {
                long start = System.nanoTime();
                HotspotCounts everyPartition = null;
                for (int read = 0; read < READS; read++) {
                    everyPartition = new HotspotCounts();
                    for (int partition = 0; partition < PARTITIONS; partition++) {
                        everyPartition.addAll(partition < moved ? after[partition] : before[partition]);
                    }
                    checksum += everyPartition.all().totalResponses();
                }
                double everyMicros = (System.nanoTime() - start) / 1_000.0 / READS;
                start = System.nanoTime();
                HotspotCounts updated = null;
                for (int read = 0; read < READS; read++) {
                    updated = previous.copy();
                    for (int partition = 0; partition < moved; partition++) {
                        updated.subtractAll(before[partition]);
                        updated.addAll(after[partition]);
                    }
                    checksum += updated.all().totalResponses();
                }
                double updatedMicros = (System.nanoTime() - start) / 1_000.0 / READS;
                if (!updated.all().equals(everyPartition.all()) || !updated.segments().equals(everyPartition.segments())) {
                    throw new IllegalStateException("the updated sum differs from the sum of every partition");
                }
                line.append(String.format(Locale.ROOT, " m=%d every partition %,.0f µs, updated %,.0f µs (%.2f);",
                        moved, everyMicros, updatedMicros, updatedMicros / everyMicros));
            }
            System.out.println(line);
        }
        System.out.println("checksum " + checksum);
    }

    private static void addResponses(HotspotCounts counts, int responses, Random random) {
        for (int i = 0; i < responses; i++) {
            counts.add(TestEvents.DIMENSIONS.segmentsOf(TestEvents.randomProfile(random)), selections(random));
        }
    }

    /** 20 to 120 distinct tasks of the 120, grouped by area. */
    private static Map<String, List<String>> selections(Random random) {
        int wanted = 20 + random.nextInt(101);
        List<Integer> tasks = new ArrayList<>();
        for (int task = 0; task < AREAS * TASKS_PER_AREA; task++) {
            tasks.add(task);
        }
        Collections.shuffle(tasks, random);
        Map<String, List<String>> selections = new LinkedHashMap<>();
        for (int task : tasks.subList(0, wanted)) {
            int area = task / TASKS_PER_AREA;
            selections.computeIfAbsent("area-" + area, id -> new ArrayList<>()).add("task-" + area + "-" + task % TASKS_PER_AREA);
        }
        return selections;
    }
}
