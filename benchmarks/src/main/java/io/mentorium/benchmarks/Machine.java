package io.mentorium.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** What the figures were measured on, and how busy the machine was meanwhile. */
final class Machine {

    private final List<Double> loadSamples = new ArrayList<>();

    /** Other work on the machine skews the figures: the 1-minute load average, sampled at every phase, says how much. */
    void sampleLoad() {
        try {
            loadSamples.add(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        } catch (IOException | RuntimeException e) {
            // no procfs: the report says "unknown"
        }
    }

    String loadRange() {
        if (loadSamples.isEmpty()) {
            return "unknown";
        }
        double min = loadSamples.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = loadSamples.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return String.format(Locale.ROOT, "%.2f–%.2f (%d samples, one per phase)", min, max, loadSamples.size());
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").orElse("unknown CPU");
    }

    static String memory() {
        return procLine("/proc/meminfo", "MemTotal")
                .map(kb -> String.format(Locale.ROOT, "%.1f GB RAM", Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .orElse("unknown RAM");
    }

    static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.vendor") + ")";
    }

    static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    private static java.util.Optional<String> procLine(String file, String key) {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
