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

    @Test
    void makesTheSummaryAgainFromEverySectionWithATitleAndADate() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, """
                # Benchmarks

                <!-- bench:how-to-run:start -->
                ## How to run
                <!-- bench:how-to-run:end -->

                <!-- bench:summary:start -->
                an old summary
                <!-- bench:summary:end -->

                <!-- bench:catch-up:start -->
                ## Catch-up: analytics against a raw consumer

                - Date: 2026-12-07 23:49 UTC

                Target (issue 8): catch-up at least half the raw consumer's rate: **not met** (0.15).
                <!-- bench:catch-up:end -->

                <!-- bench:export:start -->
                ## export-service: admin export (xlsx)

                - Date: 2026-12-07

                Target (issue 6): a target of another issue | with a bar.

                Target (issue 8): export at most 10 s: **met** (4.2 s | 0.42).
                <!-- bench:export:end -->
                """);

        ResultsDocument.replaceSection(file, "startup", """
                ## Start-up: embedded platform, command to all healthy

                > **Smoke run** at a size well below the documented full run.

                - Date: 2026-12-08 01:00 UTC

                No target line in this one.
                """);

        String content = Files.readString(file);
        String summary = content.substring(content.indexOf("<!-- bench:summary:start -->"),
                content.indexOf("<!-- bench:summary:end -->"));
        assertThat(summary).doesNotContain("an old summary", "How to run", "another issue");
        assertThat(summary.lines().filter(line -> line.startsWith("| ["))).containsExactly(
                "| [Catch-up: analytics against a raw consumer](#catch-up-analytics-against-a-raw-consumer)"
                        + " | 2026-12-07 23:49 UTC | catch-up at least half the raw consumer's rate: **not met** (0.15). |",
                "| [export-service: admin export (xlsx)](#export-service-admin-export-xlsx) | 2026-12-07"
                        + " | export at most 10 s: **met** (4.2 s \\| 0.42). |",
                "| [Start-up: embedded platform, command to all healthy](#start-up-embedded-platform-command-to-all-healthy)"
                        + " | 2026-12-08 01:00 UTC, smoke run | no target |");
        assertThat(content).contains("<!-- bench:startup:start -->\n## Start-up");
    }

    @Test
    void regeneratesTheSummaryOfAFileOnItsOwn() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, """
                <!-- bench:summary:start -->
                <!-- bench:summary:end -->
                <!-- bench:export:start -->
                ## Export
                - Date: 2026-12-07
                Target (issue 8): export at most 10 s: **met**.
                <!-- bench:export:end -->
                """);

        ResultsDocument.main(new String[] {file.toString()});

        assertThat(Files.readString(file)).contains("## Results at a glance")
                .contains("| [Export](#export) | 2026-12-07 | export at most 10 s: **met**. |");
    }
}
