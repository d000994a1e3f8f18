package org.pmoresearch.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A MongoDB-wire-compatible store (mongo-java-server) whose H2 backend keeps every database in one file, so the
 * catalogue, the response facts and the counts survive a restart. It runs as a child JVM of the launcher
 * ({@link StoreServer}), with its output in {@code logs/store.log} under the data directory.
 */
final class MongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoStore.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final PlatformSettings settings;
    private final Path file;
    private final Path logFile;
    private final Path readyFile;
    private Process process;

    MongoStore(PlatformSettings settings) {
        this.settings = settings;
        this.file = fileOf(settings);
        this.logFile = settings.dataDir().resolve("logs").resolve("store.log");
        this.readyFile = readyFileOf(settings);
    }

    /** The store's file under the data directory. */
    static Path fileOf(PlatformSettings settings) {
        return settings.dataDir().resolve("mongo").resolve("pmo.mv.db").toAbsolutePath();
    }

    /** The file the store writes once its port is bound, beside its data file. */
    static Path readyFileOf(PlatformSettings settings) {
        return fileOf(settings).resolveSibling("store.ready");
    }

    /** Launches the store's JVM and returns at once; {@link #awaitReady} waits until it accepts connections. */
    void launch() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.createDirectories(logFile.getParent());
        Files.deleteIfExists(readyFile);
        process = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        log.info("Started the MongoDB-wire store (pid {}), file {}, log {}", process.pid(), file, logFile);
    }

    /**
     * Waits until the store has bound its port (it then writes its ready file); fails early if its process ends,
     * as it does when the port is taken.
     */
    void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(readyFile)) {
                log.info("MongoDB-wire store listening on {}:{}", settings.host(), settings.mongoPort());
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The MongoDB-wire store exited with code " + process.exitValue()
                        + " during start-up; see " + logFile);
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling interval of the ready file: the child has no other signal
        }
        throw new IllegalStateException("The MongoDB-wire store did not listen within " + START_TIMEOUT.toSeconds()
                + " s; see " + logFile);
    }

    void start() throws IOException, InterruptedException {
        launch();
        awaitReady();
    }

    /** The store's JVM options, then the launcher's own class path and {@link StoreServer}'s arguments. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(ClassDataSharing.javaExecutable());
        command.addAll(settings.storeJvmOptions());
        command.addAll(launchArguments());
        command.addAll(StoreServer.arguments(settings));
        return command;
    }

    /**
     * How to run {@link StoreServer} from what this JVM runs: the launcher's executable jar again (through its own
     * main, which dispatches on {@link StoreServer#COMMAND}), or its class path when the launcher runs from classes,
     * as in the tests.
     */
    static List<String> launchArguments() {
        String classPath = System.getProperty("java.class.path");
        boolean executableJar = MongoStore.class.getClassLoader().getClass().getName()
                .startsWith("org.springframework.boot.loader.");
        return executableJar
                ? List.of("-jar", Path.of(classPath).toAbsolutePath().toString(), StoreServer.COMMAND)
                : List.of("-cp", classPath, EmbeddedPlatform.class.getName(), StoreServer.COMMAND);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The store's process, while it runs. */
    Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).filter(Process::isAlive).map(Process::toHandle);
    }

    /** SIGTERM (the store closes its file), then SIGKILL if it has not exited within the grace period. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("The MongoDB-wire store did not stop within {} s; killing it", STOP_GRACE.toSeconds());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        log.info("MongoDB-wire store stopped");
    }
}
