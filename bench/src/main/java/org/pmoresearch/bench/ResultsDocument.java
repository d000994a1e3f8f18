package org.pmoresearch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/benchmarks.md, which several programs and people write: a benchmark only ever replaces the text
 * between its own markers ({@code <!-- bench:<id>:start -->} … {@code <!-- bench:<id>:end -->}), appending
 * the section if the markers are missing, and leaves everything else in the file as it found it. Where the file has a
 * summary ({@code <!-- bench:summary:start -->} … {@code <!-- bench:summary:end -->}), it is made again from the
 * sections each time: one row per section with its title, its run's date and what it says of the targets.
 */
final class ResultsDocument {

    static final String DEFAULT_PATH = "docs/benchmarks.md";
    static final String SUMMARY = "summary";

    private static final Pattern SECTION = Pattern.compile(
            "<!-- bench:([a-z0-9-]+):start -->\\n(.*?)\\n<!-- bench:\\1:end -->", Pattern.DOTALL);
    private static final String TARGET_PREFIX = "Target (issue 8): ";
    private static final String DATE_PREFIX = "- Date: ";

    private ResultsDocument() {
    }

    /** A relative link from the results file to another file, as Markdown wants it. */
    static String linkTo(Path resultsFile, Path target) {
        Path from = resultsFile.toAbsolutePath().normalize().getParent();
        return from.relativize(target.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    static void replaceSection(Path file, String id, String markdown) throws IOException {
        String start = "<!-- bench:" + id + ":start -->";
        String end = "<!-- bench:" + id + ":end -->";
        String block = start + "\n" + markdown.strip() + "\n" + end;
        String updated;
        if (Files.exists(file)) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int from = content.indexOf(start);
            int to = content.indexOf(end);
            if (from >= 0 && to > from) {
                updated = content.substring(0, from) + block + content.substring(to + end.length());
            } else {
                updated = content.stripTrailing() + "\n\n" + block + "\n";
            }
            updated = withSummary(updated);
        } else {
            updated = "# Benchmarks\n\n" + block + "\n";
        }
        write(file, updated);
        System.out.println("Results written to " + file + " (section " + id + ")");
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".benchmarks", ".md");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Makes the summary of the results file again (default {@value #DEFAULT_PATH}), for a section written by a
     * program outside this module (export-service's {@code ExportBenchmark}) or by hand.
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : DEFAULT_PATH);
        String content = Files.readString(file, StandardCharsets.UTF_8);
        write(file, withSummary(content));
        System.out.println("Summary of " + file + " made again");
    }

    /** The document with its summary, if it has one, made again from its sections. */
    static String withSummary(String content) {
        String start = "<!-- bench:" + SUMMARY + ":start -->";
        String end = "<!-- bench:" + SUMMARY + ":end -->";
        int from = content.indexOf(start);
        int to = content.indexOf(end);
        if (from < 0 || to < from) {
            return content;
        }
        StringBuilder summary = new StringBuilder("""
                ## Results at a glance

                Made again from the sections below each time a program of the bench module writes its own; every \
                section gives its run's command, machine and baselines.

                | benchmark | run | against the targets |
                |---|---|---|
                """);
        Matcher sections = SECTION.matcher(content);
        while (sections.find()) {
            summaryRow(sections.group(2)).ifPresent(summary::append);
        }
        return content.substring(0, from) + start + "\n" + summary.toString().strip() + "\n" + end
                + content.substring(to + end.length());
    }

    /** A section's row: only sections with a title and a date are results. */
    private static Optional<String> summaryRow(String section) {
        String title = null;
        String date = null;
        List<String> targets = new ArrayList<>();
        for (String line : section.lines().toList()) {
            if (title == null && line.startsWith("## ")) {
                title = line.substring(3).strip();
            } else if (date == null && line.startsWith(DATE_PREFIX)) {
                date = line.substring(DATE_PREFIX.length()).strip();
            } else if (line.startsWith(TARGET_PREFIX)) {
                targets.add(line.substring(TARGET_PREFIX.length()).strip());
            }
        }
        if (title == null || date == null) {
            return Optional.empty();
        }
        if (section.contains("**Smoke run**")) {
            date += ", smoke run";
        }
        String verdict = targets.isEmpty() ? "no target" : String.join("; ", targets);
        return Optional.of("| [" + title + "](#" + anchor(title) + ") | " + date + " | "
                + verdict.replace("|", "\\|") + " |\n");
    }

    /** The anchor a Markdown renderer gives a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        StringBuilder anchor = new StringBuilder();
        for (char c : heading.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                anchor.append(c);
            } else if (c == ' ') {
                anchor.append('-');
            }
        }
        return anchor.toString();
    }
}
