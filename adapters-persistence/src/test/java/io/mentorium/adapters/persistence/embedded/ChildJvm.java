package io.mentorium.adapters.persistence.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A second JVM running {@link EmbeddedPostgresChild} on the test class path: the "other process" of the contract. */
final class ChildJvm implements AutoCloseable {

    private static final String END = "\u0000end";

    private final Process process;
    private final Path errors;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        Thread.ofVirtual().name("child-jvm-stdout").start(this::pump);
    }

    static ChildJvm start(Path workDir, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedPostgresChild.class.getName()));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile(workDir, "child-", ".log");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        return new ChildJvm(process, errors);
    }

    /** The next line the child prints, failing (with the child's log) if none comes within the timeout. */
    String nextLine(Duration timeout) throws InterruptedException, IOException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || line.equals(END)) {
            throw new AssertionError("child JVM printed nothing within " + timeout + " (alive=" + process.isAlive()
                    + "); its log:\n" + Files.readString(errors));
        }
        return line;
    }

    /** Asks the child to finish (close what it holds) and waits for it to exit. */
    void finish(Duration timeout) throws IOException, InterruptedException {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write('\n');
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child JVM did not exit within " + timeout);
        }
    }

    /** SIGKILL: no shutdown hooks, no cleanup, exactly like a crashed owner. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the child is gone; nextLine reports that
        } finally {
            lines.add(END);
        }
    }
}
