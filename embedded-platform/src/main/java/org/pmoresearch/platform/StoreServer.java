package org.pmoresearch.platform;

import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The MongoDB-wire store (mongo-java-server on {@link StoreBackend}) as a process of its own, which the launcher
 * starts as {@code store --data-dir=… --mongo-port=…}. Its own JVM, not the broker's: the store allocates most of
 * what the platform's counting allocates, and every collection of a heap it shared with the broker held up the
 * acknowledgements the survey waits for (docs/benchmarks.md, "The store in a JVM of its own").
 * <p>
 * SIGTERM closes the file cleanly; so does the end of the launcher that started it, should the launcher die
 * without stopping it.
 */
public final class StoreServer {

    /** The launcher's first argument that runs this instead of the platform. */
    static final String COMMAND = "store";

    private static final Logger log = LoggerFactory.getLogger(StoreServer.class);

    private StoreServer() {
    }

    /** The arguments after {@link #COMMAND}: the launcher's own options that say where the store listens and keeps its file. */
    static List<String> arguments(PlatformSettings settings) {
        return List.of("--data-dir=" + settings.dataDir().toAbsolutePath(), "--mongo-port=" + settings.mongoPort());
    }

    static void run(String[] args) throws Exception {
        PlatformSettings settings = PlatformSettings.fromArgs(args);
        String host = settings.host();
        int port = settings.mongoPort();
        Path file = MongoStore.fileOf(settings);
        Path readyFile = MongoStore.readyFileOf(settings);
        Files.createDirectories(file.getParent());
        MongoServer server = new MongoServer(StoreBackend.open(file));
        server.bind(host, port);
        log.info("MongoDB-wire store listening on {}:{}, file {}", host, port, file);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteQuietly(readyFile);
            server.shutdown();
            log.info("MongoDB-wire store stopped");
            stopped.countDown();
        }, "store-shutdown"));
        ProcessHandle.current().parent().ifPresent(launcher -> launcher.onExit().thenRun(() -> {
            log.warn("The launcher (pid {}) has gone; stopping the store", launcher.pid());
            System.exit(0);
        }));
        // Written once the port is bound: the launcher waits for this file, not for the port, which another
        // process may hold.
        Files.writeString(readyFile, host + ":" + port);
        stopped.await();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }
}
