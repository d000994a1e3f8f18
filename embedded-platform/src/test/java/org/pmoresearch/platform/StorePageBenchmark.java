package org.pmoresearch.platform;

import com.mongodb.MongoQueryException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Pages of response facts read from the embedded store as analytics reads them for the admin export
 * ({@code withdrawn: false, _id > last}, sorted by {@code _id}, 1,001 at a time): the launcher's
 * {@link StoreBackend} against the plain H2 backend (the baseline), each on its own fresh file holding the same
 * facts. Both read the same first pages; the launcher's store then reads every page, as a whole export does.
 * Not a test; run it with
 * <pre>
 * ./mvnw -q -B -pl embedded-platform -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
 * java -cp embedded-platform/target/test-classes:embedded-platform/target/classes:$(cat embedded-platform/target/bench.classpath) \
 *     org.pmoresearch.platform.StorePageBenchmark [facts, default 100000] [pages timed on both, default 5]
 * </pre>
 */
public final class StorePageBenchmark {

    private static final int PAGE = 1_001;
    private static final int BATCH = 1_000;

    private StorePageBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int facts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path directory = Files.createTempDirectory("store-page-benchmark");
        try (Served plain = new Served(new H2Backend(directory.resolve("plain.mv.db").toString()));
             Served store = new Served(StoreBackend.open(directory.resolve("store.mv.db")))) {
            plain.insert(facts);
            store.insert(facts);
            System.out.printf("%,d facts in each store%n", facts);

            double plainPage = plain.millisecondsPerPage(pages);
            double storePage = store.millisecondsPerPage(pages);
            System.out.printf("first %d pages of %,d: plain H2 backend %,.1f ms per page, launcher's store %,.1f ms "
                    + "per page, store ÷ plain %.4f%n", pages, PAGE, plainPage, storePage, storePage / plainPage);
            System.out.printf("page reads that failed and were read again: plain %d, launcher's store %d%n",
                    plain.failedReads, store.failedReads);

            long started = System.nanoTime();
            int read = store.readEveryPage();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("every page, launcher's store: %,d facts in %.2f s (%,.1f ms per page); the plain "
                    + "backend at its rate per page would take %.0f s%n", read, seconds,
                    seconds * 1000 / Math.ceil(read / (double) (PAGE - 1)),
                    plainPage / 1000 * Math.ceil(read / (double) (PAGE - 1)));
        } finally {
            try (var files = Files.list(directory)) {
                for (Path path : files.toList()) {
                    Files.delete(path);
                }
            }
            Files.delete(directory);
        }
    }

    /** One backend behind its own server and client. */
    private static final class Served implements AutoCloseable {

        private final MongoServer server;
        private final MongoClient client;
        private final MongoCollection<Document> facts;
        private int failedReads;

        Served(MongoBackend backend) {
            server = new MongoServer(backend);
            InetSocketAddress address = server.bind();
            client = MongoClients.create("mongodb://localhost:" + address.getPort());
            facts = client.getDatabase("analytics").getCollection("response_facts");
        }

        void insert(int count) {
            Random random = new Random(42);
            for (int offset = 0; offset < count; offset += BATCH) {
                List<Document> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH && offset + i < count; i++) {
                    batch.add(StoreInsertBenchmark.fact(random, offset + i));
                }
                facts.insertMany(batch, new InsertManyOptions().ordered(false));
            }
        }

        double millisecondsPerPage(int pages) {
            String after = null;
            long started = System.nanoTime();
            for (int i = 0; i < pages; i++) {
                List<Document> page = page(after);
                after = page.get(page.size() - 2).getString("_id");
            }
            return (System.nanoTime() - started) / 1e6 / pages;
        }

        int readEveryPage() {
            String after = null;
            int read = 0;
            while (true) {
                List<Document> page = page(after);
                if (page.size() < PAGE) {
                    return read + page.size();
                }
                read += PAGE - 1;
                after = page.get(PAGE - 2).getString("_id");
            }
        }

        /** A page; a read the store fails (H2 losing a chunk under a long read) is counted and made again. */
        private List<Document> page(String after) {
            // the shape analytics sends: {withdrawn: false, _id: {$gt: after}}
            Document filter = new Document("withdrawn", false);
            if (after != null) {
                filter.append("_id", new Document("$gt", after));
            }
            while (true) {
                try {
                    return facts.find(filter).sort(Sorts.ascending("_id")).limit(PAGE).into(new ArrayList<>(PAGE));
                } catch (MongoQueryException e) {
                    if (++failedReads > 20) {
                        throw e;
                    }
                }
            }
        }

        @Override
        public void close() {
            client.close();
            server.shutdown();
        }
    }
}
