package org.pmoresearch.platform;

import org.pmoresearch.platform.PlatformSettings.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One service as a child JVM running its own executable jar, with its output in a log file. */
final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /**
     * A JVM recording its class-data-sharing archive writes it after Spring has shut down: on two cores with the
     * four services stopping at once that took 25-35 s, and killing it at 30 s threw the archive away.
     */
    private static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(120);

    private final Service service;
    private final Path jar;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Optional<Path> classDataCache;
    private final Path logFile;
    private final URI healthUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private boolean recordingArchive;

    /** @param classDataCache where to keep the service's class-data-sharing copy and archive; empty to run the jar as is */
    ServiceProcess(Service service, Path jar, Map<String, String> environment, List<String> jvmOptions,
                   Optional<Path> classDataCache, Path logFile, String baseUrl) {
        this.service = service;
        this.jar = jar;
        this.environment = environment;
        this.jvmOptions = jvmOptions;
        this.classDataCache = classDataCache;
        this.logFile = logFile;
        this.healthUri = URI.create(baseUrl + "/actuator/health");
    }

    void start() throws IOException {
        Files.createDirectories(logFile.getParent());
        List<String> command = command();
        recordingArchive = command.stream().anyMatch(argument -> argument.startsWith(ClassDataSharing.RECORD_OPTION));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        log.info("Started {} (pid {}), log {}", service.artifact(), process.pid(), logFile);
    }

    /** The service's own JVM options, then the configured ones (which win), then how to launch it. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(ClassDataSharing.javaExecutable());
        command.addAll(service.ownJvmOptions());
        command.addAll(jvmOptions);
        command.addAll(classDataCache.map(cache -> ClassDataSharing.launchArguments(jar, cache))
                .orElse(List.of("-jar", jar.toAbsolutePath().toString())));
        return command;
    }

    /** Waits until the service reports UP on its health endpoint; fails early if the process dies. */
    void awaitHealthy(Instant deadline) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(healthUri).timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.artifact() + " exited with code " + process.exitValue()
                        + " during start-up; see " + logFile);
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // The service is still starting; ask again below.
            }
            TimeUnit.MILLISECONDS.sleep(250); // polling interval of the health probe, not a wait for a condition we could observe otherwise
        }
        throw new IllegalStateException(service.artifact() + " was not healthy in time; see " + logFile);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL with no grace, as a crash would: nothing in the service gets to clean up. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            log.info("Killed {} (SIGKILL)", service.artifact());
            process = null;
            classDataCache.ifPresent(cache -> ClassDataSharing.afterExit(cache, false));
        }
    }

    /** SIGTERM (Spring Boot shuts down gracefully), then SIGKILL if it has not exited within the grace period. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        boolean exitedNormally = false;
        Duration grace = recordingArchive ? RECORDING_STOP_GRACE : STOP_GRACE;
        try {
            if (process.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
                // 143: the JVM ended on the SIGTERM it was sent, after its shutdown hooks (and the archive) were done.
                exitedNormally = process.exitValue() == 0 || process.exitValue() == 143;
            } else {
                log.warn("{} did not stop within {} s; killing it", service.artifact(), grace.toSeconds());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        boolean keepArchive = exitedNormally;
        classDataCache.ifPresent(cache -> ClassDataSharing.afterExit(cache, keepArchive));
        log.info("Stopped {}", service.artifact());
        process = null;
    }
}
