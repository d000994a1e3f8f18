package org.pmoresearch.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
 * nested in another. The build records the archive with a training run ({@link #train}: the service creates
 * its whole Spring context, then exits before it connects to anything), so even the first start of a new
 * platform maps it ({@code -XX:SharedArchiveFile}). Without one, the first run records its classes when the
 * JVM exits ({@code -XX:ArchiveClassesAtExit}), kept only if the service stopped by itself. A new build of
 * the jar (other bytes) or another JVM throws the copy and its archive away. The JVM
 * ignores an archive it cannot use and starts without it, and any trouble here falls back to
 * {@code -jar <jar>}.
 */
final class ClassDataSharing {

    private static final Logger log = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    /** The JVM option that records an archive when the JVM exits. */
    static final String RECORD_OPTION = "-XX:ArchiveClassesAtExit=";
    /** Quiet: the JVM reports every class it cannot archive (classes of old class-file versions, for one). */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

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
            List<String> arguments = new ArrayList<>(List.of(archiveOption));
            arguments.addAll(QUIET);
            arguments.addAll(List.of("-jar", extracted.toString()));
            return arguments;
        } catch (IOException | RuntimeException e) {
            log.warn("Starting {} without class-data sharing: {}", jar.getFileName(), e.getMessage());
            return List.of("-jar", jar.toAbsolutePath().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("-jar", jar.toAbsolutePath().toString());
        }
    }

    /**
     * Records the archive of {@code jar} under {@code cache} with a training run, unless one is there already:
     * the service starts from the extracted copy with {@code -Dspring.context.exit=onRefresh}, so it creates every
     * bean (and loads their classes) and exits before any lifecycle starts, that is before it binds a port,
     * connects to Kafka or runs a query. Spring Boot recommends this for class-data sharing.
     *
     * @param jvmOptions  the options the service runs with (the archive is made for them)
     * @param environment what the service needs to create its context: its configuration, with no reachable
     *                    broker or store
     * @return what happened, for the build's output
     */
    static String train(Path jar, Path cache, List<String> jvmOptions, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        Path extracted = extracted(jar, cache);
        if (Files.isRegularFile(archive(cache))) {
            return "archive up to date";
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add(RECORD_OPTION + recording(cache).toAbsolutePath());
        command.addAll(QUIET);
        command.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", extracted.toString()));
        Path trainingLog = cache.resolve("training.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(trainingLog.toFile());
        builder.environment().putAll(environment);
        long began = System.nanoTime();
        Process training = builder.start();
        if (!training.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            training.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            afterExit(cache, false);
            throw new IOException("the training run took longer than " + timeout.toSeconds() + " s; see " + trainingLog);
        }
        boolean exitedNormally = training.exitValue() == 0;
        afterExit(cache, exitedNormally);
        if (!exitedNormally || !Files.isRegularFile(archive(cache))) {
            throw new IOException("the training run ended with exit code " + training.exitValue() + "; see " + trainingLog);
        }
        return String.format("archive recorded in %.1f s (%d MB)", (System.nanoTime() - began) / 1e9,
                Files.size(archive(cache)) >> 20);
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
                log.info("Class-data-sharing archive recorded under {}", cache);
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

    /**
     * The extracted copy of {@code jar} under {@code cache}, made afresh when the jar changed. A jar rebuilt from
     * unchanged sources (the build is reproducible) has a new modification time but the same bytes: its digest
     * says so, and the copy and archive stay.
     */
    private static Path extracted(Path jar, Path cache) throws IOException, InterruptedException {
        Path app = cache.resolve("app");
        Path extractedJar = app.resolve(jar.getFileName()).toAbsolutePath();
        Path stampFile = cache.resolve("source.properties");
        Properties stamp = read(stampFile);
        Properties source = new Properties();
        source.setProperty("jar", jar.toAbsolutePath().normalize().toString());
        source.setProperty("size", String.valueOf(Files.size(jar)));
        // An archive serves only the JVM that made it.
        source.setProperty("java.home", System.getProperty("java.home"));
        source.setProperty("java.vm.version", System.getProperty("java.vm.version"));
        String modified = String.valueOf(Files.getLastModifiedTime(jar).toMillis());
        boolean sameSource = Files.isRegularFile(extractedJar)
                && source.entrySet().stream().allMatch(entry -> entry.getValue().equals(stamp.get(entry.getKey())));
        if (sameSource && modified.equals(stamp.getProperty("modified"))) {
            return extractedJar;
        }
        source.setProperty("modified", modified);
        source.setProperty("sha256", sha256(jar));
        if (sameSource && source.getProperty("sha256").equals(stamp.getProperty("sha256"))) {
            write(source, stampFile);
            return extractedJar;
        }
        deleteRecursively(cache);
        Files.createDirectories(cache);
        Process extract = new ProcessBuilder(javaExecutable(),
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
        write(source, stampFile);
        return extractedJar;
    }

    private static void write(Properties source, Path stampFile) throws IOException {
        try (Writer writer = Files.newBufferedWriter(stampFile, StandardCharsets.UTF_8)) {
            source.store(writer, "The jar the copy beside this file was extracted from");
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The java of the JVM running this code, which is the one every service runs on. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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
