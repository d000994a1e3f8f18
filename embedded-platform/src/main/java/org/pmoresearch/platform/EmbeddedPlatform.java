package org.pmoresearch.platform;

import org.pmoresearch.platform.PlatformSettings.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The one-command local run: a real Kafka broker (KRaft) in this JVM, a MongoDB-wire store in a child JVM of its
 * own, then the four services as child JVMs from their own jars, configured through the same environment
 * variables they read in production. Ctrl-C or SIGTERM stops the services, then the store and the broker.
 */
public final class EmbeddedPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPlatform.class);
    static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final PlatformSettings settings;
    private final KafkaBroker kafka;
    private final MongoStore mongo;
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final AtomicBoolean closed = new AtomicBoolean();
    private LocalSecrets secrets;

    private EmbeddedPlatform(PlatformSettings settings) {
        this.settings = settings;
        this.kafka = new KafkaBroker(settings);
        this.mongo = new MongoStore(settings);
    }

    /** Starts everything and returns once every service reports healthy; closes what it started on failure. */
    public static EmbeddedPlatform start(PlatformSettings settings) throws Exception {
        EmbeddedPlatform platform = new EmbeddedPlatform(settings);
        try {
            platform.startAll();
            return platform;
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Instant begin = Instant.now();
        for (Service service : Service.values()) {
            if (!java.nio.file.Files.isRegularFile(settings.jarOf(service))) {
                throw new IllegalStateException("No jar for " + service.artifact() + " at "
                        + settings.jarOf(service).toAbsolutePath() + ": build the services first (./mvnw -DskipTests package)");
            }
        }
        secrets = LocalSecrets.loadOrCreate(settings.dataDir());
        mongo.launch();
        kafka.start();
        mongo.awaitReady();
        for (Service service : Service.values()) {
            Optional<Path> classDataCache = settings.classDataSharing()
                    ? Optional.of(settings.classDataCacheOf(service))
                    : Optional.empty();
            ServiceProcess process = new ServiceProcess(service, settings.jarOf(service), environmentOf(settings, secrets, service),
                    settings.serviceJvmOptions(), classDataCache,
                    settings.dataDir().resolve("logs").resolve(service.artifact() + ".log"), settings.baseUrl(service));
            services.put(service, process);
            process.start();
        }
        Instant deadline = begin.plus(START_TIMEOUT);
        for (ServiceProcess process : services.values()) {
            process.awaitHealthy(deadline);
        }
        log.info("All services healthy in {} s", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
    }

    /** The environment a service gets: the same variables compose and Kubernetes set in production. */
    static Map<String, String> environmentOf(PlatformSettings settings, LocalSecrets secrets, Service service) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", String.valueOf(settings.servicePorts().get(service)));
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap());
        if (service.usesMongo()) {
            env.put("SPRING_MONGODB_URI", settings.mongoUri(service.database()));
        }
        env.put("PMO_REPORT_TOKEN_SECRET", secrets.reportTokenSecret());
        env.put("PMO_ADMIN_USERNAME", secrets.adminUsername());
        env.put("PMO_ADMIN_PASSWORD_HASH", secrets.adminPasswordHash());
        env.put("PMO_ANALYTICS_BASE_URL", settings.baseUrl(Service.ANALYTICS));
        env.put("PMO_PUBLIC_SURVEY_URL", settings.publicUrl(Service.SURVEY));
        env.put("PMO_PUBLIC_ANALYTICS_URL", settings.publicUrl(Service.ANALYTICS));
        env.put("PMO_PUBLIC_EXPORT_URL", settings.publicUrl(Service.EXPORT));
        // Pages opened at either address may read the hotspots across origins.
        env.put("PMO_CORS_ALLOWED_ORIGINS", String.join(",", Arrays.stream(Service.values())
                .flatMap(each -> Stream.of(settings.baseUrl(each), settings.publicUrl(each))).distinct().toList()));
        return env;
    }

    /** Kills a service with SIGKILL (no graceful shutdown), as a crash would. */
    public void killService(Service service) throws InterruptedException {
        services.get(service).kill();
    }

    /** Stops a service gracefully (SIGTERM). */
    public void stopService(Service service) {
        services.get(service).close();
    }

    /** Starts a stopped or killed service again and waits until it is healthy. */
    public void startService(Service service) throws IOException, InterruptedException {
        ServiceProcess process = services.get(service);
        process.start();
        process.awaitHealthy(Instant.now().plus(START_TIMEOUT));
    }

    public void stopKafka() {
        kafka.close();
    }

    public void startKafka() throws Exception {
        kafka.start();
    }

    public void stopMongo() {
        mongo.close();
    }

    public void startMongo() throws Exception {
        mongo.start();
    }

    /**
     * Console commands, one per line: {@code kill|stop|start|restart <service>} with a service name such as
     * {@code analytics-service}, {@code stop|start|restart kafka|mongo}, and {@code status}.
     */
    void control(String line) throws Exception {
        String[] words = line.trim().split("\\s+");
        if (words.length == 1 && words[0].equals("status")) {
            services.forEach((service, process) -> System.out.printf("  %-18s %s%n", service.artifact(),
                    process.isAlive() ? "running" : "stopped"));
            System.out.printf("  %-18s %s%n", "mongo (store)", mongo.isAlive() ? "running" : "stopped");
            return;
        }
        if (words.length != 2) {
            System.out.println("Commands: kill|stop|start|restart <service>, stop|start|restart kafka|mongo, status");
            return;
        }
        String action = words[0];
        String target = words[1];
        if (target.equals("kafka") || target.equals("mongo")) {
            boolean isKafka = target.equals("kafka");
            if (action.equals("stop") || action.equals("restart")) {
                if (isKafka) {
                    stopKafka();
                } else {
                    stopMongo();
                }
            }
            if (action.equals("start") || action.equals("restart")) {
                if (isKafka) {
                    startKafka();
                } else {
                    startMongo();
                }
            }
            return;
        }
        Service service = Arrays.stream(Service.values()).filter(s -> s.artifact().equals(target)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown service " + target));
        switch (action) {
            case "kill" -> killService(service);
            case "stop" -> stopService(service);
            case "start" -> startService(service);
            case "restart" -> {
                stopService(service);
                startService(service);
            }
            default -> throw new IllegalArgumentException("Unknown action " + action);
        }
    }

    public PlatformSettings settings() {
        return settings;
    }

    /** The local admin credential, generated on the first start and kept under the data directory. */
    public String adminPassword() {
        return secrets.adminPassword();
    }

    public String reportTokenSecret() {
        return secrets.reportTokenSecret();
    }

    String banner() {
        String line = "-".repeat(78);
        StringBuilder b = new StringBuilder("\n").append(line).append('\n');
        b.append("PMO Services Research platform is running\n\n");
        b.append(String.format("  %-26s %s%n", "The survey", settings.publicUrl(Service.SURVEY) + "/survey/"));
        b.append(String.format("  %-26s %s%n", "Live dashboard", settings.publicUrl(Service.ANALYTICS) + "/dashboard/"));
        b.append(String.format("  %-26s %s%n", "Catalogue admin", settings.publicUrl(Service.CATALOGUE) + "/admin/catalogue"));
        b.append('\n');
        b.append(String.format("  %-26s %s%n", "Survey API", settings.baseUrl(Service.SURVEY) + "/api/survey"));
        b.append(String.format("  %-26s %s%n", "Submit a response", "POST " + settings.baseUrl(Service.SURVEY) + "/api/responses"));
        b.append(String.format("  %-26s %s%n", "Hotspots", settings.baseUrl(Service.ANALYTICS) + "/api/hotspots"));
        b.append(String.format("  %-26s %s%n", "Spreadsheet", settings.baseUrl(Service.EXPORT) + "/api/exports/pmo-services.xlsx"));
        b.append(String.format("  %-26s %s%n", "Catalogue", settings.baseUrl(Service.CATALOGUE) + "/api/catalogue"));
        b.append('\n');
        for (Service service : Service.values()) {
            b.append(String.format("  %-26s %s%n", service.artifact() + " metrics",
                    settings.baseUrl(service) + "/actuator/prometheus"));
        }
        b.append('\n');
        b.append(String.format("  %-26s %s%n", "Kafka", settings.kafkaBootstrap()));
        b.append(String.format("  %-26s %s%n", "MongoDB", settings.mongoUri("")));
        b.append(String.format("  %-26s user '%s', password in %s%n", "Admin", secrets.adminUsername(), secrets.adminPasswordFile()));
        b.append(String.format("  %-26s %s%n", "Data and logs", settings.dataDir().toAbsolutePath()));
        b.append("\nType 'status', or e.g. 'restart analytics-service', 'restart kafka'. Ctrl-C stops everything.\n").append(line);
        return b.toString();
    }

    /** Stops the services (in parallel, each gracefully), then the store, then the broker. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess process : services.values()) {
            Thread stopper = new Thread(process::close, "stop-" + process);
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        mongo.close();
        kafka.close();
    }

    /** Reads control commands from standard input, when there is one, on a daemon thread. */
    private static void readConsoleCommands(EmbeddedPlatform platform) {
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        platform.control(line);
                        System.out.println("ok: " + line.trim());
                    } catch (Exception e) {
                        System.out.println("failed: " + e.getMessage());
                    }
                }
            } catch (IOException noConsole) {
                log.debug("No console input: {}", noConsole.getMessage());
            }
        }, "platform-console");
        reader.setDaemon(true);
        reader.start();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(StoreServer.COMMAND)) {
            try {
                StoreServer.run(Arrays.copyOfRange(args, 1, args.length));
            } catch (Exception e) {
                // The store's network threads would keep a JVM whose store never started alive.
                log.error("The MongoDB-wire store did not start: {}", e.getMessage(), e);
                System.exit(1);
            }
            return;
        }
        if (List.of(args).contains("--help")) {
            System.out.println(PlatformSettings.usage());
            return;
        }
        PlatformSettings settings;
        try {
            settings = PlatformSettings.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(PlatformSettings.usage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedPlatform[] running = new EmbeddedPlatform[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (running[0] != null) {
                log.info("Stopping the platform");
                running[0].close();
            }
            stopped.countDown();
        }, "platform-shutdown"));
        try {
            running[0] = start(settings);
        } catch (Exception e) {
            log.error("The platform did not start: {}", e.getMessage(), e);
            System.exit(1);
        }
        System.out.println(running[0].banner());
        readConsoleCommands(running[0]);
        stopped.await();
    }
}
