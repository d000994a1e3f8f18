package org.pmoresearch.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a service from an extracted copy of its jar with an application class-data-sharing archive, which
 * cuts the CPU a Spring Boot start spends loading and verifying classes by about a third: on a small machine
 * starting four services at once, CPU is what the start waits for.
 * <p>
 * The service jar is extracted once ({@code java -Djarmode=tools -jar <jar> extract}) into
 * {@code <cache>/app}, because the JVM archives classes only from plain class-path jars, not from jars
 * nested in another. The first run of that copy records its classes when the JVM exits
 * ({@code -XX:ArchiveClassesAtExit}), kept only if the service stopped by itself; every later start maps
 * them ({@code -XX:SharedArchiveFile}). A new
 * build of the jar (other size or modification time) throws the copy and its archive away. The JVM ignores
 * an archive it cannot use and starts without it, and any trouble here falls back to {@code -jar <jar>}.
 */
final class ClassDataSharing {

    private static final Logger log = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    /** The JVM option that records an archive when the JVM exits. */
    static final String RECORD_OPTION = "-XX:ArchiveClassesAtExit=";

    private ClassDataSharing() {
    }

    /** The arguments that follow the JVM options: the archive option and {@code -jar} with the jar to run. */
    static List<String> launchArguments(Path jar, Path cache) {
        try {
            Path extracted = extracted(jar, cache);
            Path archive = archive(cache);
            String archiveOption = Files.isRegularFile(archive)
                    ? "-XX:SharedArchiveFile=" + archive.toAbsolutePath()
                    : RECORD_OPTION + recording(cache).toAbsolutePath();
            return List.of(archiveOption, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", extracted.toString());
        } catch (IOException | RuntimeException e) {
            log.warn("Starting {} without class-data sharing: {}", jar.getFileName(), e.getMessage());
            return List.of("-jar", jar.toAbsolutePath().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("-jar", jar.toAbsolutePath().toString());
        }
    }

    /**
     * After the service exited by itself (not killed), keeps the archive its JVM wrote on the way out; after a
     * kill, drops whatever part of it was written, so that a later start never maps a torn file.
     */
    static void afterExit(Path cache, boolean exitedNormally) {
        Path recording = recording(cache);
        try {
            if (exitedNormally && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive(cache), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                log.info("Class-data-sharing archive recorded for {}", cache.getFileName());
            } else {
                Files.deleteIfExists(recording);
            }
        } catch (IOException e) {
            log.warn("Could not keep the class-data-sharing archive under {}: {}", cache, e.getMessage());
        }
    }

    private static Path archive(Path cache) {
        return cache.resolve("classes.jsa");
    }

    private static Path recording(Path cache) {
        return cache.resolve("classes.jsa.recording");
    }

    /** The extracted copy of {@code jar} under {@code cache}, made afresh when the jar changed. */
    private static Path extracted(Path jar, Path cache) throws IOException, InterruptedException {
        Path app = cache.resolve("app");
        Path extractedJar = app.resolve(jar.getFileName()).toAbsolutePath();
        Path stamp = cache.resolve("source.properties");
        Properties source = new Properties();
        source.setProperty("jar", jar.toAbsolutePath().normalize().toString());
        source.setProperty("size", String.valueOf(Files.size(jar)));
        source.setProperty("modified", String.valueOf(Files.getLastModifiedTime(jar).toMillis()));
        if (Files.isRegularFile(extractedJar) && source.equals(read(stamp))) {
            return extractedJar;
        }
        deleteRecursively(cache);
        Files.createDirectories(cache);
        Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--destination", app.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(cache.resolve("extract.log").toFile())
                .start();
        if (!extract.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            extract.destroyForcibly();
            throw new IOException("extracting " + jar + " took longer than " + EXTRACT_TIMEOUT_SECONDS + " s");
        }
        if (extract.exitValue() != 0 || !Files.isRegularFile(extractedJar)) {
            throw new IOException("extracting " + jar + " failed; see " + cache.resolve("extract.log"));
        }
        try (Writer writer = Files.newBufferedWriter(stamp, StandardCharsets.UTF_8)) {
            source.store(writer, "The jar the copy beside this file was extracted from");
        }
        return extractedJar;
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
