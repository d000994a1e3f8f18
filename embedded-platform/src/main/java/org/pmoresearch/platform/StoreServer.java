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
 * starts as {@code store --host=… --port=… --file=… --ready-file=…}. Its own JVM, not the broker's: the store allocates most of
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

    /** The arguments after {@link #COMMAND}, as {@link MongoStore} passes them. */
    static List<String> arguments(String host, int port, Path file, Path readyFile) {
        return List.of("--host=" + host, "--port=" + port, "--file=" + file.toAbsolutePath(),
                "--ready-file=" + readyFile.toAbsolutePath());
    }

    static void run(String[] args) throws Exception {
        String host = null;
        Integer port = null;
        Path file = null;
        Path readyFile = null;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--host=")) {
                host = value;
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(value);
            } else if (arg.startsWith("--file=")) {
                file = Path.of(value);
            } else if (arg.startsWith("--ready-file=")) {
                readyFile = Path.of(value);
            } else {
                throw new IllegalArgumentException("Unknown store argument '" + arg + "'");
            }
        }
        if (host == null || port == null || file == null || readyFile == null) {
            throw new IllegalArgumentException("The store needs --host, --port, --file and --ready-file");
        }
        Files.createDirectories(file.getParent());
        MongoServer server = new MongoServer(StoreBackend.open(file));
        server.bind(host, port);
        log.info("MongoDB-wire store listening on {}:{}, file {}", host, port, file);
        CountDownLatch stopped = new CountDownLatch(1);
        Path ready = readyFile;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteQuietly(ready);
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
