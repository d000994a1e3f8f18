package org.pmoresearch.platform;

import org.junit.jupiter.api.BeforeEach;
import org.pmoresearch.platform.PlatformSettings.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real service jar of this build, copied so that the test can change it. */
class ClassDataSharingTest {

    @TempDir
    Path temporary;

    private Path jar;
    private Path cache;

    @BeforeEach
    void copyServiceJar() throws IOException {
        Path built = Path.of(System.getProperty("platform.root", "..")).resolve("catalogue-service/target/catalogue-service.jar");
        jar = temporary.resolve("catalogue-service.jar");
        Files.copy(built, jar);
        cache = temporary.resolve("cds");
    }

    @Test
    void firstRunRecordsAnArchiveFromAnExtractedCopyAndLaterRunsMapIt() throws IOException {
        List<String> first = ClassDataSharing.launchArguments(jar, cache);

        Path extracted = cache.resolve("app").resolve("catalogue-service.jar").toAbsolutePath();
        assertThat(first).containsSubsequence("-XX:ArchiveClassesAtExit=" + cache.resolve("classes.jsa.recording").toAbsolutePath(),
                "-jar", extracted.toString());
        assertThat(extracted).isRegularFile();
        assertThat(cache.resolve("app").resolve("lib")).isDirectoryContaining("glob:**/spring-boot-*.jar");

        Files.writeString(cache.resolve("classes.jsa.recording"), "archive written by the exiting JVM");
        ClassDataSharing.afterExit(cache, true);

        assertThat(cache.resolve("classes.jsa")).hasContent("archive written by the exiting JVM");
        assertThat(ClassDataSharing.launchArguments(jar, cache))
                .containsSubsequence("-XX:SharedArchiveFile=" + cache.resolve("classes.jsa").toAbsolutePath(), "-jar", extracted.toString());
    }

    @Test
    void aKilledRunLeavesNoArchive() throws IOException {
        ClassDataSharing.launchArguments(jar, cache);
        Files.writeString(cache.resolve("classes.jsa.recording"), "torn");

        ClassDataSharing.afterExit(cache, false);

        assertThat(cache.resolve("classes.jsa.recording")).doesNotExist();
        assertThat(cache.resolve("classes.jsa")).doesNotExist();
        assertThat(ClassDataSharing.launchArguments(jar, cache)).anyMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void theSameJarIsNotExtractedAgain() throws IOException {
        ClassDataSharing.launchArguments(jar, cache);
        Path extracted = cache.resolve("app").resolve("catalogue-service.jar");
        FileTime extractedAt = Files.getLastModifiedTime(extracted);
        Path marker = Files.writeString(cache.resolve("app").resolve("marker"), "still here");

        ClassDataSharing.launchArguments(jar, cache);

        assertThat(marker).exists();
        assertThat(Files.getLastModifiedTime(extracted)).isEqualTo(extractedAt);
    }

    @Test
    void aNewBuildOfTheJarThrowsTheCopyAndItsArchiveAway() throws IOException {
        ClassDataSharing.launchArguments(jar, cache);
        Files.writeString(cache.resolve("classes.jsa"), "archive of the old build");
        Path otherBuild = Path.of(System.getProperty("platform.root", "..")).resolve("export-service/target/export-service.jar");
        Files.copy(otherBuild, jar, StandardCopyOption.REPLACE_EXISTING);

        List<String> arguments = ClassDataSharing.launchArguments(jar, cache);

        assertThat(cache.resolve("classes.jsa")).doesNotExist();
        assertThat(arguments).anyMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(cache.resolve("app").resolve("lib")).isDirectoryContaining("glob:**/poi-ooxml-*.jar");
    }

    @Test
    void aRebuildWithTheSameBytesKeepsTheCopyAndItsArchive() throws IOException {
        ClassDataSharing.launchArguments(jar, cache);
        Files.writeString(cache.resolve("classes.jsa"), "archive of this build");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        List<String> arguments = ClassDataSharing.launchArguments(jar, cache);

        assertThat(cache.resolve("classes.jsa")).hasContent("archive of this build");
        assertThat(arguments).contains("-XX:SharedArchiveFile=" + cache.resolve("classes.jsa").toAbsolutePath());
    }

    @Test
    void anotherJvmThrowsTheCopyAndItsArchiveAway() throws IOException {
        ClassDataSharing.launchArguments(jar, cache);
        Files.writeString(cache.resolve("classes.jsa"), "archive of another JVM");
        Path stamp = cache.resolve("source.properties");
        Files.writeString(stamp, Files.readString(stamp).replaceAll("(?m)^java\\.vm\\.version=.*$", "java.vm.version=1.0-other"));

        List<String> arguments = ClassDataSharing.launchArguments(jar, cache);

        assertThat(cache.resolve("classes.jsa")).doesNotExist();
        assertThat(arguments).anyMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aTrainingRunRecordsAnArchiveThatTheServiceThenMaps() throws Exception {
        List<String> jvmOptions = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        Map<String, String> environment = ClassDataTraining.environmentOf(PlatformSettings.defaults(), LocalSecrets.throwaway(),
                Service.CATALOGUE);
        assertThat(environment).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:1")
                .containsEntry("SPRING_MONGODB_URI", "mongodb://localhost:1/catalogue")
                .containsEntry("SERVER_PORT", "0");

        assertThat(ClassDataSharing.train(jar, cache, jvmOptions, environment, Duration.ofMinutes(3))).startsWith("archive recorded");

        assertThat(cache.resolve("classes.jsa")).isNotEmptyFile();
        assertThat(cache.resolve("classes.jsa.recording")).doesNotExist();
        assertThat(ClassDataSharing.train(jar, cache, jvmOptions, environment, Duration.ofMinutes(3))).isEqualTo("archive up to date");
        List<String> launch = ClassDataSharing.launchArguments(jar, cache);
        assertThat(launch).contains("-XX:SharedArchiveFile=" + cache.resolve("classes.jsa").toAbsolutePath());
        // -Xshare:on: the JVM refuses to start unless it maps the archive.
        List<String> command = new ArrayList<>(List.of(ClassDataSharing.javaExecutable(), "-Xshare:on"));
        command.addAll(jvmOptions);
        command.add("-Dspring.context.exit=onRefresh");
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temporary.resolve("mapped.log").toFile());
        builder.environment().putAll(environment);
        Process mapped = builder.start();
        assertThat(mapped.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(mapped.exitValue()).as(Files.readString(temporary.resolve("mapped.log"))).isZero();
    }

    @Test
    void aServiceThatCannotCreateItsContextLeavesNoArchive() {
        // A port that is not a number: the catalogue cannot create its web server.
        assertThatThrownBy(() -> ClassDataSharing.train(jar, cache, List.of("-XX:TieredStopAtLevel=1"), Map.of("SERVER_PORT", "not-a-port"),
                Duration.ofMinutes(3)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exit code");

        assertThat(cache.resolve("classes.jsa")).doesNotExist();
        assertThat(cache.resolve("classes.jsa.recording")).doesNotExist();
        assertThat(ClassDataSharing.launchArguments(jar, cache)).anyMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aJarThatCannotBeExtractedStartsAsItIs() throws IOException {
        Path notABootJar = Files.writeString(temporary.resolve("broken.jar"), "not a jar");

        assertThat(ClassDataSharing.launchArguments(notABootJar, cache))
                .containsExactly("-jar", notABootJar.toAbsolutePath().toString());
    }
}
