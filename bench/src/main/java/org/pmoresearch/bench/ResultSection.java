package org.pmoresearch.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One program's section of docs/benchmarks.md: when, where, how, the figures beside their baselines, and limits. */
final class ResultSection {

    private final StringBuilder text = new StringBuilder();

    /**
     * @param fullSize false for a run below the documented full size: its figures are flagged as a smoke run
     */
    ResultSection(String title, boolean fullSize, String platform) {
        text.append("## ").append(title).append("\n\n");
        if (!fullSize) {
            text.append("> **Smoke run** at a size well below the documented full run: it shows the program works;"
                    + " its figures are not results and are not comparable with the targets.\n\n");
        }
        text.append("- Date: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append('\n');
        text.append("- Machine: ").append(Machine.description()).append("; load average at the end ")
                .append(Machine.loadAverage()).append('\n');
        text.append("- JDK: ").append(Machine.jdk()).append('\n');
        text.append("- Platform: ").append(platform).append('\n');
        text.append("- Command: `").append(command()).append("`\n\n");
    }

    ResultSection paragraph(String paragraph) {
        text.append(paragraph.strip()).append("\n\n");
        return this;
    }

    ResultSection table(List<String> header, List<List<String>> rows) {
        text.append("| ").append(String.join(" | ", header)).append(" |\n");
        text.append("|").append(header.stream().map(column -> "---").collect(Collectors.joining("|"))).append("|\n");
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        text.append('\n');
        return this;
    }

    ResultSection bullets(String heading, List<String> items) {
        text.append("**").append(heading).append("**\n\n");
        items.forEach(item -> text.append("- ").append(item).append('\n'));
        text.append('\n');
        return this;
    }

    String markdown() {
        return text.toString();
    }

    /** The command line of this JVM, as typed: the class path wildcard and every option. */
    static String command() {
        List<String> words = new ArrayList<>();
        words.add("java");
        ProcessHandle.current().info().arguments().ifPresent(arguments -> {
            for (String argument : arguments) {
                words.add(argument.matches("[A-Za-z0-9_./:=,+@%-]+") ? argument : "\"" + argument + "\"");
            }
        });
        return String.join(" ", words);
    }

    static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    static String seconds(double seconds) {
        return String.format("%.1f s", seconds);
    }

    static String rate(double perSecond) {
        return String.format("%,.0f /s", perSecond);
    }

    /** Two decimals, three below 0.1 so that a small ratio does not read as zero. */
    static String ratio(double value) {
        return String.format(Math.abs(value) < 0.1 ? "%.3f" : "%.2f", value);
    }
}
