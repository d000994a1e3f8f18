package org.pmoresearch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the CPU went during a measurement: each process of the run (from the JDK's process API) and the
 * whole machine (from /proc/stat, so other builds on a shared machine show up as the difference).
 */
final class CpuAccount {

    private final Map<String, ProcessHandle> processes;
    private final long startNanos;
    private final Map<String, Duration> startCpu;
    private final Optional<long[]> startMachine;

    private CpuAccount(Map<String, ProcessHandle> processes) {
        this.processes = processes;
        this.startNanos = System.nanoTime();
        this.startCpu = cpuOf(processes);
        this.startMachine = machineJiffies();
    }

    static CpuAccount start(Map<String, ProcessHandle> processes) {
        return new CpuAccount(processes);
    }

    /** CPU used since {@link #start}, as a share of the machine's capacity over the same wall time. */
    Usage stop() {
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        double capacity = wallSeconds * Runtime.getRuntime().availableProcessors();
        Map<String, Duration> endCpu = cpuOf(processes);
        Map<String, Double> shares = new LinkedHashMap<>();
        endCpu.forEach((name, end) -> {
            Duration begin = startCpu.get(name);
            if (begin != null) {
                shares.put(name, end.minus(begin).toNanos() / 1e9 / capacity);
            }
        });
        Optional<Double> machineBusy = startMachine.flatMap(begin -> machineJiffies().map(end -> {
            double busy = (end[0] - begin[0]);
            double total = (end[1] - begin[1]);
            return total > 0 ? busy / total : 0.0;
        }));
        return new Usage(shares, machineBusy);
    }

    /**
     * @param shares      per process, CPU time ÷ (wall time × cores)
     * @param machineBusy the whole machine's busy share over the same time, where /proc/stat exists
     */
    record Usage(Map<String, Double> shares, Optional<Double> machineBusy) {

        double ourShare() {
            return shares.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** One line for a results section: the machine's load, ours, and the process that used the most. */
        String summary() {
            List<String> parts = new ArrayList<>();
            machineBusy.ifPresent(busy -> parts.add(String.format("machine CPU busy %.0f %%", busy * 100)));
            parts.add(String.format("this run's processes %.0f %%", ourShare() * 100));
            shares.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(top ->
                    parts.add(String.format("most: %s %.0f %%", top.getKey(), top.getValue() * 100)));
            return String.join(", ", parts) + " (100 % = all " + Runtime.getRuntime().availableProcessors() + " cores)";
        }

        /** The summary, then every process's share. */
        String detail() {
            return summary() + "; by process: " + shares.entrySet().stream()
                    .map(entry -> String.format("%s %.0f %%", entry.getKey(), entry.getValue() * 100))
                    .collect(Collectors.joining(", "));
        }
    }

    private static Map<String, Duration> cpuOf(Map<String, ProcessHandle> processes) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        processes.forEach((name, process) -> process.info().totalCpuDuration().ifPresent(duration -> cpu.put(name, duration)));
        return cpu;
    }

    /** {busy, total} jiffies over all cores since boot; busy excludes idle and iowait. */
    private static Optional<long[]> machineJiffies() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return Optional.of(new long[] {total - idle, total});
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }
}
