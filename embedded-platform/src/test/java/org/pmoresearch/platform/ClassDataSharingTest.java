package org.pmoresearch.platform;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        List<String> arguments = ClassDataSharing.launchArguments(jar, cache);

        assertThat(cache.resolve("classes.jsa")).doesNotExist();
        assertThat(arguments).anyMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aJarThatCannotBeExtractedStartsAsItIs() throws IOException {
        Path notABootJar = Files.writeString(temporary.resolve("broken.jar"), "not a jar");

        assertThat(ClassDataSharing.launchArguments(notABootJar, cache))
                .containsExactly("-jar", notABootJar.toAbsolutePath().toString());
    }
}
