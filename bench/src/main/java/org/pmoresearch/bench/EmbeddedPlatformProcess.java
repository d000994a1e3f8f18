package org.pmoresearch.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The embedded platform as its users run it, {@code java -jar embedded-platform/target/embedded-platform.jar},
 * as a child process with a temporary data directory and free ports: its broker and store get JVMs apart from
 * the bench's, as they would beside a real deployment, and "start-up" means exactly the documented command.
 */
final class EmbeddedPlatformProcess implements AutoCloseable {

    enum Service {
        CATALOGUE("catalogue-service"), SURVEY("survey-service"), ANALYTICS("analytics-service"), EXPORT("export-service");

        private final String artifact;

        Service(String artifact) {
            this.artifact = artifact;
        }

        String artifact() {
            return artifact;
        }
    }

    /**
     * @param serviceJvmOptions  passed to the launcher's {@code --service-jvm-options} when present
     * @param storeJvmOptions    passed to the launcher's {@code --store-jvm-options} when present
     * @param serviceEnvironment variables for the launcher's process, which its service JVMs inherit
     */
    record Settings(Path platformJar, Path servicesDir, int partitions, Optional<String> serviceJvmOptions,
                    Optional<String> storeJvmOptions, Map<String, String> serviceEnvironment) {
    }

    static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    // The launcher gives a service recording its class-data-sharing archive up to 120 s to exit.
    private static final Duration STOP_GRACE = Duration.ofSeconds(180);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int FIRST_FREE_PORT = 20_000;
    private static final int END_FREE_PORTS = 32_000;
    private static final int FREE_PORT_ATTEMPTS = 1_000;
    /** The launcher's first argument for the store's own JVM, which it starts as a child of itself. */
    private static final String STORE_COMMAND = "store";

    private final Path dataDir;
    private Settings settings;
    private int controllerPort;
    private int mongoPort;
    private final int kafkaPort;
    private final Map<Service, Integer> servicePorts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<Service, Duration> healthyAfter = new EnumMap<>(Service.class);
    private final Thread stopOnExit = new Thread(this::stop, "stop-embedded-platform");
    private Process launcher;
    private long launchedAtNanos;
    private boolean keepDataDir;
    private boolean stopped;

    private EmbeddedPlatformProcess(Path dataDir, int kafkaPort, Map<Service, Integer> servicePorts) {
        this.dataDir = dataDir;
        this.kafkaPort = kafkaPort;
        this.servicePorts = servicePorts;
    }

    /** Launches the platform and returns once all four services report UP; stops what it started on failure. */
    static EmbeddedPlatformProcess start(Settings settings) throws IOException, InterruptedException {
        if (!Files.isRegularFile(settings.platformJar())) {
            throw new IllegalStateException("No launcher jar at " + settings.platformJar().toAbsolutePath()
                    + ": build the project first (./mvnw -q -B -DskipTests package)");
        }
        int[] ports = freePorts(3 + Service.values().length);
        int kafkaPort = ports[0];
        int controllerPort = ports[1];
        int mongoPort = ports[2];
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            servicePorts.put(service, ports[3 + service.ordinal()]);
        }
        EmbeddedPlatformProcess platform = new EmbeddedPlatformProcess(Files.createTempDirectory("pmo-bench-"), kafkaPort,
                servicePorts);
        try {
            platform.settings = settings;
            platform.controllerPort = controllerPort;
            platform.mongoPort = mongoPort;
            platform.launch(settings, controllerPort, mongoPort);
            platform.awaitHealthy();
            return platform;
        } catch (IOException | InterruptedException | RuntimeException e) {
            platform.keepDataDir = true;
            platform.close();
            throw e;
        }
    }

    /**
     * Stops the platform keeping its data directory, then runs the command again on it with the same ports,
     * as a user restarting the platform would; returns once all four services report UP again.
     */
    synchronized void restart() throws IOException, InterruptedException {
        keepDataDir = true;
        stop();
        keepDataDir = false;
        stopped = false;
        healthyAfter.clear();
        launch(settings, controllerPort, mongoPort);
        awaitHealthy();
    }

    private void launch(Settings settings, int controllerPort, int mongoPort) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", settings.platformJar().toAbsolutePath().toString(),
                "--data-dir=" + dataDir,
                "--services-dir=" + settings.servicesDir().toAbsolutePath(),
                "--kafka-port=" + kafkaPort,
                "--kafka-controller-port=" + controllerPort,
                "--mongo-port=" + mongoPort,
                "--partitions=" + settings.partitions()));
        for (Service service : Service.values()) {
            command.add("--" + service.artifact().replace("-service", "") + "-port=" + servicePorts.get(service));
        }
        settings.serviceJvmOptions().ifPresent(options -> command.add("--service-jvm-options=" + options));
        settings.storeJvmOptions().ifPresent(options -> command.add("--store-jvm-options=" + options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launcherLog().toFile()));
        builder.environment().putAll(settings.serviceEnvironment());
        launchedAtNanos = System.nanoTime();
        launcher = builder.start();
        // Ctrl-C on the benchmark must not leave a platform running.
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    private void awaitHealthy() throws InterruptedException {
        long deadline = launchedAtNanos + START_TIMEOUT.toNanos();
        while (healthyAfter.size() < Service.values().length) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("The platform launcher exited with code " + launcher.exitValue()
                        + " during start-up (" + launcherError() + "); logs under " + dataDir);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The platform was not healthy within " + START_TIMEOUT.toSeconds()
                        + " s; logs under " + dataDir);
            }
            for (Service service : Service.values()) {
                if (!healthyAfter.containsKey(service) && isUp(service)) {
                    healthyAfter.put(service, Duration.ofNanos(System.nanoTime() - launchedAtNanos));
                }
            }
            TimeUnit.NANOSECONDS.sleep(POLL_INTERVAL.toNanos()); // the health probe's polling interval
        }
    }

    /** The launcher's own criterion: HTTP 200 from the health endpoint with status UP. */
    private boolean isUp(Service service) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl(service) + "/actuator/health"))
                .timeout(Duration.ofSeconds(1)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    String baseUrl(Service service) {
        return "http://localhost:" + servicePorts.get(service);
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /** The admin password the launcher generated on its first start, from its secrets directory. */
    Optional<String> adminPassword() throws IOException {
        return secret("admin-password");
    }

    /** The key of the report tokens (HMAC-SHA256), which the launcher generated on its first start. */
    Optional<String> reportTokenSecret() throws IOException {
        return secret("report-token-secret");
    }

    private Optional<String> secret(String name) throws IOException {
        Path file = dataDir.resolve("secrets").resolve(name);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
    }

    /** Keeps the data directory, with the broker's log, the store's file and every service's log, when the platform stops. */
    synchronized void keepData() {
        keepDataDir = true;
    }

    /** Where the launcher keeps its data and the logs of every service ({@code logs/<service>.log}). */
    Path dataDir() {
        return dataDir;
    }

    /**
     * Types one of the launcher's console commands ({@code kill analytics-service}, {@code stop kafka},
     * {@code start mongo}, {@code restart survey-service}, ...) on its standard input and waits until the
     * launcher reports it done: a started service is then healthy again.
     * @throws IllegalStateException when the launcher reports the command failed or does not finish in time
     */
    synchronized void control(String command) throws IOException, InterruptedException {
        long logPosition = Files.size(launcherLog());
        OutputStream console = launcher.getOutputStream();
        console.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        console.flush();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String done = "ok: " + command;
        String failed = "failed: ";
        while (System.nanoTime() < deadline) {
            try (Stream<String> lines = logLinesFrom(logPosition)) {
                Optional<String> answer = lines.filter(line -> line.equals(done) || line.startsWith(failed)).findFirst();
                if (answer.isPresent()) {
                    if (answer.get().startsWith(failed)) {
                        throw new IllegalStateException("The launcher could not '" + command + "': " + answer.get());
                    }
                    return;
                }
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("The launcher exited while running '" + command + "'");
            }
            TimeUnit.NANOSECONDS.sleep(POLL_INTERVAL.toNanos()); // the launcher answers only in its log
        }
        throw new IllegalStateException("The launcher did not finish '" + command + "' within " + START_TIMEOUT.toSeconds() + " s");
    }

    private Stream<String> logLinesFrom(long position) throws IOException {
        byte[] all = Files.readAllBytes(launcherLog());
        int from = (int) Math.min(position, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines();
    }

    /** From the launch of the command until each service first answered UP. */
    Map<Service, Duration> healthyAfter() {
        return Map.copyOf(healthyAfter);
    }

    /** From the launch of the command until the last service answered UP. */
    Duration allHealthyAfter() {
        return healthyAfter.values().stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    long launchedAtNanos() {
        return launchedAtNanos;
    }

    /**
     * The launcher (which hosts the Kafka broker), the MongoDB-wire store's JVM and each service JVM, by name. A
     * launcher that hosts the store itself (builds before the store had a JVM of its own) is named for both.
     */
    Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        List<ProcessHandle> children = launcher.children().toList();
        Optional<ProcessHandle> store = children.stream()
                .filter(child -> child.info().arguments().map(args -> Arrays.asList(args).contains(STORE_COMMAND))
                        .orElse(false))
                .findFirst();
        processes.put(store.isPresent() ? "launcher (Kafka broker)" : "launcher (Kafka broker + MongoDB-wire store)",
                launcher.toHandle());
        store.ifPresent(process -> processes.put("MongoDB-wire store", process));
        for (Service service : Service.values()) {
            String jar = service.artifact() + ".jar";
            children.stream()
                    .filter(child -> child.info().arguments().map(args -> Stream.of(args).anyMatch(arg -> arg.endsWith(jar)))
                            .orElse(false))
                    .findFirst()
                    .ifPresent(child -> processes.put(service.artifact(), child));
        }
        return processes;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * SIGTERM to the launcher, whose shutdown hook stops the services, the store and the broker; then,
     * should anything outlive the grace period, the launcher and its own child JVMs by their process ids.
     * Returns how long the processes took to exit, then removes the data directory (kept after a failed start).
     */
    synchronized Duration stop() {
        if (stopped) {
            return Duration.ZERO;
        }
        stopped = true;
        long begin = System.nanoTime();
        if (launcher != null) {
            if (Thread.currentThread() != stopOnExit) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // The hook runs anyway and finds the platform stopped.
                }
            }
            List<ProcessHandle> descendants = launcher.descendants().toList();
            launcher.destroy();
            try {
                if (!launcher.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                    launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                for (ProcessHandle descendant : descendants) {
                    if (descendant.isAlive()) {
                        descendant.destroyForcibly();
                        descendant.onExit().get(10, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException e) {
                launcher.destroyForcibly();
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                System.err.println("A platform process did not exit in time: " + e);
            }
        }
        Duration stopDuration = Duration.ofNanos(System.nanoTime() - begin);
        if (keepDataDir) {
            System.err.println("Platform data and logs kept under " + dataDir);
        } else {
            deleteRecursively(dataDir);
        }
        return stopDuration;
    }

    /** The launcher's first ERROR line, which says which service failed and why. */
    private String launcherError() {
        try (Stream<String> lines = Files.lines(launcherLog())) {
            return lines.filter(line -> line.contains(" ERROR ")).findFirst()
                    .map(line -> line.substring(line.indexOf(" ERROR ") + " ERROR ".length()).trim())
                    .orElse("no ERROR line in its log");
        } catch (IOException | UncheckedIOException e) {
            return "its log is unreadable: " + e.getMessage();
        }
    }

    private Path launcherLog() {
        return dataDir.resolve("launcher.log");
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not delete " + root + ": " + e.getMessage());
        }
    }

    /**
     * Free ports below the range the kernel hands out as the local ports of outgoing connections (from 32768 on
     * Linux, 49152 elsewhere): a port the kernel picked from that range and left free until a service binds it, at
     * the end of its start-up, can meanwhile become the local port of one of the platform's own connections.
     */
    private static int[] freePorts(int count) throws IOException {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int attempt = 0; chosen.size() < count; attempt++) {
            if (attempt == FREE_PORT_ATTEMPTS) {
                throw new IOException("Found " + chosen.size() + " of " + count + " free ports in [" + FIRST_FREE_PORT
                        + ", " + END_FREE_PORTS + ")");
            }
            int port = ThreadLocalRandom.current().nextInt(FIRST_FREE_PORT, END_FREE_PORTS);
            if (!chosen.contains(port) && canListenOn(port)) {
                chosen.add(port);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean canListenOn(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
