package org.pmoresearch.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Inserts of response facts into the embedded store, in batches over the wire as analytics sends them, each run on
 * a fresh file: the plain H2 backend (the baseline), the launcher's {@link StoreBackend} writing documents and keys
 * as H2 writes them (Java serialisation), and the launcher's store as the launcher opens it
 * ({@link StoreBackend#open}: documents as BSON, keys as strings), one after the other in each run; then the
 * launcher's store again with time-ordered (version-7) ids, as the survey page makes them, instead of random ones;
 * then with those ids and the selections as bits over the catalogue, as analytics writes them.
 * Not a test; run it with
 * <pre>
 * ./mvnw -q -B -pl embedded-platform -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
 * java -cp embedded-platform/target/test-classes:embedded-platform/target/classes:$(cat embedded-platform/target/bench.classpath) \
 *     org.pmoresearch.platform.StoreInsertBenchmark [facts per run, default 30000] [runs, default 3]
 * </pre>
 */
public final class StoreInsertBenchmark {

    private static final int BATCH = 100;
    private static final int TASKS_PER_AREA = 12;
    private static final String[] AREAS = {"governance", "portfolio-management", "resource-management",
            "risk-management", "reporting", "methods-and-tools", "training", "benefits-realisation", "change",
            "quality-assurance"};

    private enum Contender {
        PLAIN("plain H2 backend") {
            @Override
            MongoBackend open(Path file) {
                return new H2Backend(file.toString());
            }
        },
        SERIALISED("launcher's store, documents and keys Java-serialised") {
            @Override
            MongoBackend open(Path file) {
                return new StoreBackend(new MVStore.Builder().fileName(file.toString())
                        .pageSplitSize(StoreBackend.PAGE_SPLIT_SIZE).open()) {
                    @Override
                    boolean compactValues() {
                        return false;
                    }
                };
            }
        },
        LAUNCHERS("launcher's store") {
            @Override
            MongoBackend open(Path file) {
                return StoreBackend.open(file);
            }
        },
        LAUNCHERS_ORDERED_IDS("launcher's store, time-ordered ids", true) {
            @Override
            MongoBackend open(Path file) {
                return LAUNCHERS.open(file);
            }
        },
        LAUNCHERS_SELECTIONS_AS_BITS("launcher's store, time-ordered ids, selections as bits", true, true) {
            @Override
            MongoBackend open(Path file) {
                return LAUNCHERS.open(file);
            }
        };

        private final String label;
        private final boolean timeOrderedIds;
        private final boolean selectionsAsBits;

        Contender(String label) {
            this(label, false);
        }

        Contender(String label, boolean timeOrderedIds) {
            this(label, timeOrderedIds, false);
        }

        Contender(String label, boolean timeOrderedIds, boolean selectionsAsBits) {
            this.label = label;
            this.timeOrderedIds = timeOrderedIds;
            this.selectionsAsBits = selectionsAsBits;
        }

        abstract MongoBackend open(Path file);
    }

    private StoreInsertBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int facts = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Contender[] contenders = Contender.values();
        double[][] rates = new double[contenders.length][runs];
        for (int run = 0; run < runs; run++) {
            StringBuilder line = new StringBuilder("run " + (run + 1) + ":");
            for (Contender contender : contenders) {
                double rate = insertsPerSecond(contender, facts);
                rates[contender.ordinal()][run] = rate;
                line.append(String.format(" %s %,.0f inserts/s (%.2f× plain);", contender.label, rate,
                        rate / rates[Contender.PLAIN.ordinal()][run]));
            }
            System.out.println(line);
        }
        double plainMean = mean(rates[Contender.PLAIN.ordinal()]);
        StringBuilder summary = new StringBuilder(String.format("mean of %d runs of %,d facts:", runs, facts));
        for (Contender contender : contenders) {
            double contenderMean = mean(rates[contender.ordinal()]);
            summary.append(String.format(" %s %,.0f /s (%.2f× plain);", contender.label, contenderMean,
                    contenderMean / plainMean));
        }
        System.out.println(summary);
    }

    private static double insertsPerSecond(Contender contender, int facts) throws IOException {
        Path directory = Files.createTempDirectory("store-insert-benchmark");
        MongoBackend backend = contender.open(directory.resolve("store.mv.db"));
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort())) {
            MongoCollection<Document> collection = client.getDatabase("analytics").getCollection("response_facts");
            collection.insertOne(new Document("_id", "warm-up"));
            Random random = new Random(42);
            long started = System.nanoTime();
            for (int offset = 0; offset < facts; offset += BATCH) {
                List<Document> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    batch.add(fact(random, offset + i, contender.timeOrderedIds, contender.selectionsAsBits));
                }
                collection.insertMany(batch, new InsertManyOptions().ordered(false));
            }
            return facts / ((System.nanoTime() - started) / 1e9);
        } finally {
            server.shutdown();
            try (var files = Files.list(directory)) {
                for (Path path : files.toList()) {
                    Files.delete(path);
                }
            }
            Files.delete(directory);
        }
    }

    /**
     * A fact as analytics writes one: an id (random, or version 7 from the clock), a profile, and task ids joined by
     * spaces per area, or the same selections as bits over a catalogue of these areas with twelve tasks each.
     */
    static Document fact(Random random, long offset) {
        return fact(random, offset, false, false);
    }

    static Document fact(Random random, long offset, boolean timeOrdered, boolean selectionsAsBits) {
        // The same random draws either way, so both forms hold the same selections.
        Document selections = new Document();
        byte[] areaBits = new byte[(AREAS.length + 7) / 8];
        byte[] taskBits = new byte[(AREAS.length * TASKS_PER_AREA + 7) / 8];
        for (int a = 0; a < AREAS.length; a++) {
            StringBuilder tasks = new StringBuilder();
            for (int t = 0; t < 6; t++) {
                int task = random.nextInt(TASKS_PER_AREA);
                if (selectionsAsBits) {
                    int bit = a * TASKS_PER_AREA + task;
                    taskBits[bit / 8] |= (byte) (1 << (bit % 8));
                } else {
                    tasks.append(t == 0 ? "" : " ").append(AREAS[a]).append("-task-").append(task);
                }
            }
            if (selectionsAsBits) {
                areaBits[a / 8] |= (byte) (1 << (a % 8));
            } else {
                selections.append(AREAS[a], tasks.toString());
            }
        }
        UUID id = timeOrdered
                ? new UUID((System.currentTimeMillis() << 16) | 0x7000 | (random.nextInt() & 0xfff),
                        (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L)
                : new UUID(random.nextLong(), random.nextLong());
        Document fact = new Document("_id", id.toString())
                .append("partition", (int) (offset % 12))
                .append("offset", offset)
                .append("catalogueVersion", 1)
                .append("submittedAt", new Date())
                .append("profile", new Document("role", "pmo-lead").append("pmoType", "enterprise")
                        .append("orgSize", "1000-4999").append("industry", "financial-services")
                        .append("region", "europe").append("experience", "5-10"));
        if (selectionsAsBits) {
            fact.append("selectedAreas", areaBits).append("selectedTasks", taskBits);
        } else {
            fact.append("selections", selections);
        }
        return fact.append("withdrawn", false);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
