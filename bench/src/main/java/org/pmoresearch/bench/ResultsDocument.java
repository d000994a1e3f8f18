package org.pmoresearch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * docs/benchmarks.md, which several programs and people write: a benchmark only ever replaces the text
 * between its own markers ({@code <!-- bench:<id>:start -->} … {@code <!-- bench:<id>:end -->}), appending
 * the section if the markers are missing, and leaves everything else in the file as it found it.
 */
final class ResultsDocument {

    static final String DEFAULT_PATH = "docs/benchmarks.md";

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
        } else {
            updated = "# Benchmarks\n\n" + block + "\n";
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".benchmarks", ".md");
        Files.writeString(temporary, updated, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Results written to " + file + " (section " + id + ")");
    }
}
