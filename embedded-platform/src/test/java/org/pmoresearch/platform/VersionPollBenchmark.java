package org.pmoresearch.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.types.Binary;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What one poll of the dashboard stream costs the store and its client: the query for the twelve partitions' last
 * offsets ({@code find} with a projection, as analytics asks whether any instance stored new counts), against a
 * {@code ping} on the same connection as the baseline, on the launcher's store holding twelve partition documents of
 * the size analytics writes (packed counts of 140 counters overall and for 40 segments). Client and store share
 * this JVM, so the CPU time is what both together spend. Not a test; run it with
 * <pre>
 * ./mvnw -q -B -pl embedded-platform -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
 * java -cp embedded-platform/target/test-classes:embedded-platform/target/classes:$(cat embedded-platform/target/bench.classpath) \
 *     org.pmoresearch.platform.VersionPollBenchmark    # [queries per round, default 5000] [rounds, default 3]
 * </pre>
 */
public final class VersionPollBenchmark {

    private static final int PARTITIONS = 12;
    private static final int COUNTERS = 140;
    private static final int SEGMENT_DIMENSIONS = 8;
    private static final int VALUES_PER_DIMENSION = 5;

    private VersionPollBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int queries = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path directory = Files.createTempDirectory("version-poll-benchmark");
        MongoServer server = new MongoServer(StoreBackend.open(directory.resolve("store.mv.db")));
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
            MongoDatabase database = client.getDatabase("analytics");
            MongoCollection<Document> counts = database.getCollection("partition_counts");
            Random random = new Random(42);
            for (int partition = 0; partition < PARTITIONS; partition++) {
                counts.insertOne(partitionDocument(partition, random));
            }
            System.out.printf(Locale.ROOT, "%d partition documents of about %,d bytes; %,d queries per figure; round 1"
                    + " warms the JIT up%n", PARTITIONS, partitionDocument(0, random).toJson().length(), queries);
            long checksum = 0;
            for (int round = 1; round <= rounds; round++) {
                long[] ping = measure(queries, () -> database.runCommand(new Document("ping", 1)).size());
                long[] poll = measure(queries, () -> {
                    long sum = 0;
                    for (Document document : counts.find().projection(Projections.include("partition", "lastOffset"))) {
                        sum += document.getLong("lastOffset") + 1;
                    }
                    return sum;
                });
                checksum += ping[2] + poll[2];
                System.out.printf(Locale.ROOT, "round %d: ping %.0f µs, %.0f µs CPU; version query %.0f µs (%.2f× ping),"
                                + " %.0f µs CPU (%.2f× ping)%n", round, micros(ping[0], queries), micros(ping[1], queries),
                        micros(poll[0], queries), (double) poll[0] / ping[0], micros(poll[1], queries),
                        (double) poll[1] / ping[1]);
            }
            System.out.println("checksum " + checksum);
        } finally {
            server.shutdown();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** @return elapsed nanoseconds, process CPU nanoseconds and a checksum of the answers */
    private static long[] measure(int queries, Query query) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long checksum = 0;
        long cpu = os.getProcessCpuTime();
        long started = System.nanoTime();
        for (int i = 0; i < queries; i++) {
            checksum += query.run();
        }
        return new long[] {System.nanoTime() - started, os.getProcessCpuTime() - cpu, checksum};
    }

    private static double micros(long nanos, int queries) {
        return nanos / 1_000.0 / queries;
    }

    private static Document partitionDocument(int partition, Random random) {
        List<String> counters = new ArrayList<>();
        for (int i = 0; i < COUNTERS; i++) {
            counters.add(i % 7 == 0 ? "area-" + i : "area-" + i / 7 + "/task-" + i);
        }
        Document segments = new Document();
        for (int dimension = 0; dimension < SEGMENT_DIMENSIONS; dimension++) {
            Document values = new Document();
            for (int value = 0; value < VALUES_PER_DIMENSION; value++) {
                values.append("value-" + value, new Document("totalResponses", (long) random.nextInt(10_000))
                        .append("counts", packed(random)));
            }
            segments.append("dimension-" + dimension, values);
        }
        return new Document("_id", "pmo.survey-responses.v1-" + partition)
                .append("partition", partition)
                .append("lastOffset", (long) random.nextInt(1_000_000))
                .append("totalResponses", (long) random.nextInt(100_000))
                .append("counters", counters)
                .append("all", packed(random))
                .append("segments", segments)
                .append("updatedAt", new Date());
    }

    // About three bytes per counter, as the packed varints of counts in the thousands take.
    private static Binary packed(Random random) {
        byte[] bytes = new byte[COUNTERS * 3];
        random.nextBytes(bytes);
        return new Binary(bytes);
    }

    @FunctionalInterface
    private interface Query {
        long run();
    }
}
