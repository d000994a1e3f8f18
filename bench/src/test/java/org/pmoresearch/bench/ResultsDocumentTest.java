package org.pmoresearch.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsDocumentTest {

    @TempDir
    Path dir;

    @Test
    void replacesOnlyTheTextBetweenItsOwnMarkers() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, """
                # Benchmarks

                <!-- bench:ingest:start -->
                old ingest
                <!-- bench:ingest:end -->

                ## Export
                written by someone else
                """);

        ResultsDocument.replaceSection(file, "ingest", "new ingest\n");

        assertThat(Files.readString(file)).isEqualTo("""
                # Benchmarks

                <!-- bench:ingest:start -->
                new ingest
                <!-- bench:ingest:end -->

                ## Export
                written by someone else
                """);
    }

    @Test
    void appendsASectionWhoseMarkersAreMissingAndKeepsTheRest() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\n## Export\nwritten by someone else\n");

        ResultsDocument.replaceSection(file, "startup", "start-up figures");

        assertThat(Files.readString(file)).isEqualTo("""
                # Benchmarks

                ## Export
                written by someone else

                <!-- bench:startup:start -->
                start-up figures
                <!-- bench:startup:end -->
                """);
    }

    @Test
    void createsTheFileWhenThereIsNoneYet() throws Exception {
        Path file = dir.resolve("docs").resolve("benchmarks.md");

        ResultsDocument.replaceSection(file, "catch-up", "catch-up figures");

        assertThat(Files.readString(file)).startsWith("# Benchmarks\n").contains("catch-up figures");
    }

    @Test
    void linksAChartRelativeToTheResultsFile() {
        assertThat(ResultsDocument.linkTo(Path.of("docs/benchmarks.md"), Path.of("docs/bench/ingest-latency.png")))
                .isEqualTo("bench/ingest-latency.png");
    }
}
