package org.pmoresearch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code --name=value} arguments of a benchmark program. Every program declares the names it
 * knows, so a misspelt option fails at once instead of silently running with a default.
 */
final class BenchArgs {

    private final Map<String, String> values;

    private BenchArgs(Map<String, String> values) {
        this.values = values;
    }

    static BenchArgs parse(String[] args, Set<String> knownNames) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "': expected --name=value");
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!knownNames.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + "; known: "
                        + new TreeSet<>(knownNames).stream().map(known -> "--" + known).collect(Collectors.joining(" ")));
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        return new BenchArgs(values);
    }

    /** Parses, or prints the problem (or, for --help, the option names) and exits. */
    static BenchArgs parseOrExit(String[] args, Class<?> program, Set<String> knownNames) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("Usage: java -cp \"bench/target/bench.jar:bench/target/lib/*\" " + program.getName()
                    + " [--name=value ...]\nOptions: " + knownNames.stream().map(name -> "--" + name).collect(Collectors.joining(" "))
                    + "\nWhat each means, and the defaults: docs/benchmarks.md, section \"How to run\".");
            System.exit(0);
        }
        try {
            return parse(args, knownNames);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    Path path(String name, String defaultValue) {
        return Path.of(string(name, defaultValue));
    }

    int positiveInt(String name, int defaultValue) {
        return has(name) ? positive(name, values.get(name)) : defaultValue;
    }

    /** A comma-separated list of positive integers, e.g. {@code --rates=500,1000,2000}. */
    List<Integer> positiveInts(String name, List<Integer> defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        List<Integer> numbers = new ArrayList<>();
        for (String part : values.get(name).split(",")) {
            numbers.add(positive(name, part.trim()));
        }
        return List.copyOf(numbers);
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number < 1) {
                throw new IllegalArgumentException("--" + name + " must be positive, got " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'", e);
        }
    }

    /** Names every program understands, with the program's own added. */
    static Set<String> withCommonNames(String... programNames) {
        Set<String> names = new TreeSet<>(PlatformUnderTest.OPTION_NAMES);
        names.addAll(List.of("results", "seed"));
        names.addAll(Arrays.asList(programNames));
        return names;
    }
}
