package org.pmoresearch.export.bench;

import ch.qos.logback.classic.Level;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;
import org.pmoresearch.export.config.AnalyticsProperties;
import org.pmoresearch.export.domain.ExportedResponse;
import org.pmoresearch.export.domain.ProfileDimensions;
import org.pmoresearch.export.domain.ResponsePage;
import org.pmoresearch.export.domain.ResponsePages;
import org.pmoresearch.export.domain.ResponseTable;
import org.pmoresearch.export.domain.ResponsesWorkbookWriter;
import org.pmoresearch.export.messaging.AnalyticsClient;
import org.pmoresearch.export.messaging.PagePrefetcher;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the admin xlsx export at 1k, 10k and 100k responses against plain SXSSF writing the same cells, in one
 * run, and writes the figures into the export-service section of docs/benchmarks.md.
 *
 * <p>The export runs exactly as in production: {@link AnalyticsClient} reads pages of JSON over HTTP from a stand-in
 * analytics (in this JVM, generating each page on request, so it shares the heap and the CPUs), and
 * {@link ResponsesWorkbookWriter} writes the rows into the xlsx. The baseline is the textbook SXSSF loop: the same
 * rows (same values, same default cell style) built from the same responses in memory, flushed to a temp file, then
 * zipped. Both write to a byte-counting sink. The catalogue is the size of the PMO one: 31 areas of 5 tasks. Run with {@code -Xmx256m}: finishing the
 * 100k run is the proof that the export fits in a 256 MB heap.
 */
public final class ExportBenchmark {

    static final String COMMAND = "./mvnw -q -B -pl export-service -am test-compile dependency:build-classpath "
            + "-Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath && java -Xmx256m -cp "
            + "export-service/target/test-classes:export-service/target/classes:$(cat export-service/target/bench.classpath) "
            + "org.pmoresearch.export.bench.ExportBenchmark docs/benchmarks.md";

    private static final String SECTION_START = "<!-- bench:export:start -->";
    private static final String SECTION_END = "<!-- bench:export:end -->";
    private static final int[] SIZES = {1_000, 10_000, 100_000};
    private static final int TARGET_SECONDS = 10;
    private static final int PAGE_SIZE = 1000;
    private static final int WARM_UP_RESPONSES = 10_000;
    private static final int AREAS = 31;
    private static final int TASKS_PER_AREA = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LiveHeap LIVE_HEAP = LiveHeap.watch();
    private static final PagePrefetcher PREFETCHER = new PagePrefetcher();

    /**
     * @param peakHeapBytes the highest used heap sampled: how far the collector let the heap fill
     * @param liveHeapBytes the most heap in use right after any collection: an upper bound of what the run kept
     */
    private record Measurement(double seconds, long peakHeapBytes, long liveHeapBytes, long bytesWritten) {
    }

    private record Result(int responses, Measurement export, Measurement plain) {
    }

    /** One timed run; answers the bytes it wrote. */
    @FunctionalInterface
    private interface Run {
        long run() throws Exception;
    }

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path output = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        ProfileDimensions dimensions = ProfileDimensions.fromContracts(JSON);
        CataloguePublished catalogue = pmoSizedCatalogue();
        ResponseTable table = new ResponseTable(catalogue, dimensions);

        HttpServer analytics = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        StandInAnalytics responses = new StandInAnalytics(catalogue, dimensions);
        try {
            analytics.createContext("/api/admin/responses", responses::servePage);
            analytics.start();
            AnalyticsClient client = new AnalyticsClient(RestClient.builder(), new AnalyticsProperties(
                    URI.create("http://127.0.0.1:" + analytics.getAddress().getPort()), Duration.ofSeconds(2), Duration.ofSeconds(60)),
                    JSON);

            // Warm-up, not reported: the JIT compiles the hot paths of both before anything is timed.
            measure(() -> export(client, table, responses, WARM_UP_RESPONSES), false);
            measure(() -> plainSxssf(catalogue, dimensions, table, WARM_UP_RESPONSES), false);
            List<Result> results = new ArrayList<>();
            for (int size : SIZES) {
                Measurement plain = measure(() -> plainSxssf(catalogue, dimensions, table, size), true);
                Measurement export = measure(() -> export(client, table, responses, size), true);
                results.add(new Result(size, export, plain));
                System.out.printf(Locale.ROOT, "%,d responses: export %.2f s, heap peak %d MB, after GC %d MB; plain SXSSF %.2f s, heap peak %d MB, after GC %d MB%n",
                        size, export.seconds(), mb(export.peakHeapBytes()), mb(export.liveHeapBytes()),
                        plain.seconds(), mb(plain.peakHeapBytes()), mb(plain.liveHeapBytes()));
            }
            writeSection(output, table, results);
            System.out.println("Wrote the export-service section of " + output.toAbsolutePath());
        } finally {
            analytics.stop(0);
            PREFETCHER.destroy();
        }
    }

    /** The production path: pages over HTTP, parsed (the next while the current one is written), rows into the workbook. */
    private static long export(AnalyticsClient client, ResponseTable table, StandInAnalytics analytics, int responses) throws IOException {
        analytics.serve(responses);
        ResponsePage first = client.fetchResponses(null, PAGE_SIZE, List.of(), "Basic benchmark");
        CountingOutputStream sink = new CountingOutputStream();
        new ResponsesWorkbookWriter().write(table, new ResponsePages(first,
                cursor -> client.fetchResponses(cursor, PAGE_SIZE, List.of(), "Basic benchmark"), PREFETCHER.executor()), sink);
        if (analytics.served() != responses) {
            throw new IllegalStateException("analytics served " + analytics.served() + " responses, expected " + responses);
        }
        return sink.bytes;
    }

    /** The baseline: the same cells written the textbook SXSSF way, from responses built in memory one at a time. */
    private static long plainSxssf(CataloguePublished catalogue, ProfileDimensions dimensions, ResponseTable table, int responses)
            throws IOException {
        CountingOutputStream sink = new CountingOutputStream();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            SXSSFSheet sheet = workbook.createSheet(ResponsesWorkbookWriter.RESPONSES_SHEET);
            CellStyle plain = workbook.getCellStyleAt(0);
            headerRow(sheet.createRow(0), table.columnIds());
            headerRow(sheet.createRow(1), table.columnNames());
            for (int index = 0; index < responses; index++) {
                Row row = sheet.createRow(ResponsesWorkbookWriter.FIRST_RESPONSE_ROW + index);
                table.write(syntheticResponse(index, catalogue, dimensions), new ResponseTable.Cells() {
                    @Override
                    public void text(int column, String value) {
                        Cell cell = row.createCell(column);
                        cell.setCellStyle(plain);
                        cell.setCellValue(value);
                    }

                    @Override
                    public void number(int column, long value) {
                        Cell cell = row.createCell(column);
                        cell.setCellStyle(plain);
                        cell.setCellValue(value);
                    }
                });
            }
            workbook.write(sink);
        }
        return sink.bytes;
    }

    private static void headerRow(Row row, List<String> titles) {
        for (int column = 0; column < titles.size(); column++) {
            row.createCell(column).setCellValue(titles.get(column));
        }
    }

    /** Time and heap of one run: used heap sampled every 5 ms, and the heap left after each collection. */
    private static Measurement measure(Run run, boolean report) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        // The heap right after this collection is the floor: a run too short to trigger a collection reports it.
        LIVE_HEAP.reset(memory.getHeapMemoryUsage().getUsed());
        AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        long bytes;
        try {
            bytes = run.run();
        } finally {
            running.set(false);
            sampler.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return report ? new Measurement(seconds, peak.get(), LIVE_HEAP.max(), bytes) : null;
    }

    /** Response i, the same every time: most profile questions answered, about half the areas with some of their tasks. */
    private static ExportedResponse syntheticResponse(int index, CataloguePublished catalogue, ProfileDimensions dimensions) {
        SplittableRandom random = new SplittableRandom(index);
        Map<String, String> profile = new LinkedHashMap<>();
        for (ProfileDimensions.Dimension dimension : dimensions.all()) {
            if (random.nextInt(10) < 8) {
                profile.put(dimension.id(), dimension.options().get(random.nextInt(dimension.options().size())).value());
            }
        }
        Map<String, List<String>> selections = new LinkedHashMap<>();
        for (CatalogueGroup group : catalogue.groups()) {
            for (CatalogueArea area : group.areas()) {
                if (random.nextBoolean()) {
                    List<String> tasks = new ArrayList<>();
                    for (CatalogueTask task : area.tasks()) {
                        if (random.nextInt(10) < 6) {
                            tasks.add(task.id());
                        }
                    }
                    selections.put(area.id(), tasks);
                }
            }
        }
        return new ExportedResponse(responseId(index), "2025-05-02T09:00:00Z", 1, profile, selections);
    }

    private static String responseId(int index) {
        return String.format("00000000-0000-4000-8000-%012d", index);
    }

    private static int indexOf(String responseId) {
        return Integer.parseInt(responseId.substring(responseId.lastIndexOf('-') + 1));
    }

    private static CataloguePublished pmoSizedCatalogue() {
        List<CatalogueGroup> groups = new ArrayList<>();
        int area = 0;
        for (int group = 0; group < 4; group++) {
            List<CatalogueArea> areas = new ArrayList<>();
            for (; area < AREAS * (group + 1) / 4; area++) {
                List<CatalogueTask> tasks = new ArrayList<>();
                for (int task = 0; task < TASKS_PER_AREA; task++) {
                    tasks.add(new CatalogueTask("area-" + area + "-task-" + task, "Task " + task + " of area " + area, "What the task is"));
                }
                areas.add(new CatalogueArea("area-" + area, "Service area " + area, "What the area is", tasks));
            }
            groups.add(new CatalogueGroup("group-" + group, "Group " + group, "", areas));
        }
        return new CataloguePublished(1, UUID.randomUUID(), 1, Instant.now(), groups);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void writeSection(Path output, ResponseTable table, List<Result> results) throws IOException {
        StringBuilder section = new StringBuilder();
        section.append(SECTION_START).append('\n');
        section.append("## export-service: admin export (xlsx)\n\n");
        section.append("- Date: ").append(LocalDate.now(ZoneOffset.UTC)).append('\n');
        section.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc), ")
                .append(cpuModel()).append(", ").append(memTotal()).append(" RAM; load average at the end ").append(loadAverage()).append(" (1 / 5 / 15 min); a single run\n");
        section.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(", max heap ").append(mb(Runtime.getRuntime().maxMemory())).append(" MB\n");
        section.append("- Command: `").append(COMMAND).append("`\n");
        section.append("- Workbook: one row per response, ").append(table.width()).append(" columns (3 response fields, ")
                .append(table.firstTaskColumn() - 3).append(" profile questions, ").append(table.width() - table.firstTaskColumn())
                .append(" task columns of a 31 × 5 catalogue)\n");
        section.append("- Admin export: pages of ").append(PAGE_SIZE).append(" responses read over HTTP from a stand-in analytics in the same JVM "
                + "(its JSON generation counts against the export), parsed, and each row written as SpreadsheetML by the export's own sheet writer into the worksheet of a package POI builds without rows, deflated at the fastest level. Plain SXSSF: the same cells "
                + "(same values and cell style) from responses built in memory, the textbook SXSSF loop (100-row window, temp file, then zip at the default level). Both write to a null sink. "
                + "Heap after GC = the most heap in use right after the collection before the run or any collection during it: an upper bound of what the "
                + "run keeps, as objects that die in the old generation count until a mixed or full collection frees them. "
                + "Peak heap = the highest used heap sampled every 5 ms (how far the collector let the heap fill before collecting). "
                + "A 10,000-response run of each, not reported, warms the JIT up first.\n\n");
        Result largest = results.get(results.size() - 1);
        section.append("| responses | cells | admin export (s) | plain SXSSF (s) | time ratio | export heap after GC (MB) | plain SXSSF heap after GC (MB) | heap after GC ratio | export peak heap (MB) | plain SXSSF peak heap (MB) | xlsx size (MB) |\n");
        section.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result result : results) {
            section.append(String.format(Locale.ROOT, "| %,d | %,d | %.2f | %.2f | %.2f | %d | %d | %.2f | %d | %d | %.1f |%n",
                    result.responses(), (long) result.responses() * table.width(),
                    result.export().seconds(), result.plain().seconds(), result.export().seconds() / result.plain().seconds(),
                    mb(result.export().liveHeapBytes()), mb(result.plain().liveHeapBytes()),
                    (double) result.export().liveHeapBytes() / result.plain().liveHeapBytes(),
                    mb(result.export().peakHeapBytes()), mb(result.plain().peakHeapBytes()),
                    result.export().bytesWritten() / 1e6));
        }
        section.append('\n');
        section.append("Target (issue 6): the admin export of 100,000 responses with every task column completes in a 256 MB heap: ")
                .append(String.format(Locale.ROOT, "done in %.0f s, heap after GC at most %d MB, sampled peak %d MB, of %d MB. ",
                        largest.export().seconds(), mb(largest.export().liveHeapBytes()), mb(largest.export().peakHeapBytes()),
                        mb(Runtime.getRuntime().maxMemory())))
                .append("Heap after GC by size: ")
                .append(String.join(", ", results.stream().map(result -> String.format(Locale.ROOT, "%d MB at %,d",
                        mb(result.export().liveHeapBytes()), result.responses())).toList()))
                .append(" responses. The export holds at most two pages of responses (the one being written and the next) and a ")
                .append("64 KB buffer whatever the total; a parsed page lives while its rows are written, long enough to reach the old ")
                .append("generation, which plain SXSSF's one-response-at-a-time loop never does.\n\n")
                .append(String.format(Locale.ROOT, "Target (issue 8): export of 100,000 responses at most %d s in a 256 MB heap: **%s** (%.1f s, %.2f of the target).%n%n",
                        TARGET_SECONDS, largest.export().seconds() <= TARGET_SECONDS ? "met" : "not met",
                        largest.export().seconds(), largest.export().seconds() / TARGET_SECONDS))
                .append("What limits the time: the two cores, shared by three threads during the run: the export thread writing its rows ")
                .append("and deflating them, its prefetch thread reading and parsing the next page, and the stand-in analytics generating ")
                .append("that page's JSON (in production, analytics-service's own process). See \"Where the time goes\" for the profile.\n");
        section.append(SECTION_END).append('\n');

        String document = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8)
                : "# Benchmarks\n\nMeasured with the programs in the repository; each section names its command, date and machine.\n\n";
        int start = document.indexOf(SECTION_START);
        int end = document.indexOf(SECTION_END);
        if (start >= 0 && end > start) {
            document = document.substring(0, start) + section + document.substring(end + SECTION_END.length()).replaceFirst("^\n", "");
        } else {
            document = document + (document.endsWith("\n\n") ? "" : "\n") + section;
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, document, StandardCharsets.UTF_8);
    }

    private static String cpuModel() throws IOException {
        return procLine("/proc/cpuinfo", "model name").orElse("unknown CPU");
    }

    private static String memTotal() throws IOException {
        return procLine("/proc/meminfo", "MemTotal")
                .map(value -> String.format(Locale.ROOT, "%.1f GB", Long.parseLong(value.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static Optional<String> procLine(String file, String key) throws IOException {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            return Optional.empty();
        }
        return Files.readAllLines(path).stream()
                .filter(line -> line.startsWith(key))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst();
    }

    private static long mb(long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0);
    }

    /** Serves pages of the synthetic responses on {@code GET /api/admin/responses}, generating each page on request. */
    private static final class StandInAnalytics {

        private final CataloguePublished catalogue;
        private final ProfileDimensions dimensions;
        private volatile int total;
        private final AtomicLong served = new AtomicLong();

        private StandInAnalytics(CataloguePublished catalogue, ProfileDimensions dimensions) {
            this.catalogue = catalogue;
            this.dimensions = dimensions;
        }

        void serve(int responses) {
            total = responses;
            served.set(0);
        }

        long served() {
            return served.get();
        }

        void servePage(HttpExchange exchange) throws IOException {
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
            int limit = Integer.parseInt(query.get("limit"));
            int start = query.containsKey("after") ? indexOf(query.get("after")) + 1 : 0;
            int end = Math.min(total, start + limit);
            List<Map<String, Object>> items = new ArrayList<>(Math.max(0, end - start));
            for (int index = start; index < end; index++) {
                ExportedResponse response = syntheticResponse(index, catalogue, dimensions);
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("responseId", response.responseId());
                item.put("submittedAt", response.submittedAt());
                item.put("catalogueVersion", response.catalogueVersion());
                item.put("profile", response.profile());
                item.put("selections", response.selections());
                items.add(item);
            }
            served.addAndGet(items.size());
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("items", items);
            page.put("next", end < total ? responseId(end - 1) : null);
            byte[] body = JSON.writeValueAsBytes(page);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The heap in use right after each garbage collection (heap pools only), as the JVM reports it. */
    private static final class LiveHeap implements NotificationListener {

        private final Set<String> heapPools = new HashSet<>();
        private final AtomicLong max = new AtomicLong();

        static LiveHeap watch() {
            LiveHeap liveHeap = new LiveHeap();
            ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .forEach(pool -> liveHeap.heapPools.add(pool.getName()));
            ManagementFactory.getGarbageCollectorMXBeans()
                    .forEach(collector -> ((NotificationEmitter) collector).addNotificationListener(liveHeap, null, null));
            return liveHeap;
        }

        void reset(long floor) {
            max.set(floor);
        }

        long max() {
            return max.get();
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(pool -> heapPools.contains(pool.getKey()))
                    .mapToLong(pool -> pool.getValue().getUsed())
                    .sum();
            max.accumulateAndGet(used, Math::max);
        }
    }

    /** Counts what reaches the client instead of keeping it. */
    private static final class CountingOutputStream extends OutputStream {

        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            bytes += length;
        }
    }
}
