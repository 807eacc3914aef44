package io.mentorium.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM the benchmark starts on the same JDK it runs on: the bot under test or the echo baseline. Its output goes to a
 * log file; the first line matching a pattern tells that it is ready (and may carry, say, its HTTP port). It is stopped
 * with SIGTERM, as an operator would, so that a flight recording is written, and killed only if it does not exit.
 */
final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path log, Pattern readyLine) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread.ofPlatform().daemon(true).name(name + "-output").start(() -> pump(readyLine));
        // An aborted benchmark must not leave a bot polling a dead stand-in or holding the database.
        this.shutdownHook = new Thread(process::destroyForcibly, name + "-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The running JDK's {@code java}, so that children run on the very JDK the benchmark was started with. */
    static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log,
                              Pattern readyLine) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log, readyLine);
    }

    /** Runs a command to completion (e.g. {@code migrate}); its output goes to {@code log}. */
    static void runToCompletion(String name, List<String> command, Map<String, String> environment, Path log,
                                Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with exit code " + process.exitValue() + ":\n"
                    + tail(log));
        }
    }

    /** Waits for the ready line and returns its match. */
    Matcher awaitReady(Duration timeout) throws InterruptedException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " did not get ready within " + timeout + ":\n" + tail(log));
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " ended before it was ready:\n" + tail(log), e.getCause());
        }
    }

    long pid() {
        return process.pid();
    }

    /** The peak resident memory of the process so far ({@code VmHWM}), if procfs tells. */
    Optional<Long> peakResidentBytes() {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            System.err.println(name + " did not stop within " + STOP_WAIT + " of SIGTERM; killing it");
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private void pump(Pattern readyLine) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                file.println(line);
                if (!ready.isDone()) {
                    Matcher matcher = readyLine.matcher(line);
                    if (matcher.find()) {
                        ready.complete(matcher);
                    }
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException(name + " exited with " + exitCode()));
    }

    private String exitCode() {
        try {
            return Integer.toString(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output in " + log + ")";
        }
    }
}
