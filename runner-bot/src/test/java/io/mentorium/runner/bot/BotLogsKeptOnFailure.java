package io.mentorium.runner.bot;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a test fails, keeps the logs of the bot processes it started ({@code *.log} in its {@code @TempDir} fields) in
 * {@code target/bot-logs/<test class>/<test method>/}, and adds the end of each to the failure's message. The
 * temporary directory goes with the test, and where each process stood when it failed or was killed is what a rerun
 * may not show again, timing being different every time; the message is what a CI run prints.
 *
 * <p>Runs as the test method's exception goes by, while the temporary directory is still there (JUnit deletes it
 * before a {@code TestWatcher} hears of the failure).
 */
final class BotLogsKeptOnFailure implements TestExecutionExceptionHandler {

    static final Path KEPT = Path.of("target", "bot-logs");
    /** The end of each log that goes into the message: enough for the last steps, little enough to read. */
    static final int TAIL_LINES = 25;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Path kept = KEPT.resolve(context.getRequiredTestClass().getSimpleName())
                .resolve(context.getRequiredTestMethod().getName());
        StringBuilder tails = new StringBuilder();
        for (Path directory : context.getTestInstance().map(BotLogsKeptOnFailure::tempDirectories).orElse(List.of())) {
            tails.append(keep(directory, kept));
        }
        if (tails.isEmpty()) {
            throw failure;
        }
        AssertionError explained = new AssertionError(failure.getMessage() + "\n" + tails, failure);
        explained.setStackTrace(failure.getStackTrace());
        throw explained;
    }

    /** Copies the directory's logs to {@code kept}; returns the end of each, headed by where the whole is kept. */
    static String keep(Path directory, Path kept) {
        StringBuilder tails = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> logs = files.filter(path -> path.getFileName().toString().endsWith(".log")).sorted().toList();
            if (logs.isEmpty()) {
                return "";
            }
            Files.createDirectories(kept);
            for (Path log : logs) {
                Path copy = kept.resolve(log.getFileName());
                Files.copy(log, copy, StandardCopyOption.REPLACE_EXISTING);
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                tails.append("--- the last ").append(Math.min(TAIL_LINES, lines.size())).append(" of ")
                        .append(lines.size()).append(" lines of ").append(copy.toAbsolutePath()).append('\n');
                lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
                        .forEach(line -> tails.append(line).append('\n'));
            }
        } catch (IOException | RuntimeException e) {
            tails.append("--- the bot's logs could not be kept: ").append(e).append('\n');
        }
        return tails.toString();
    }

    private static List<Path> tempDirectories(Object test) {
        return Stream.<Class<?>>iterate(test.getClass(), type -> type != null, Class::getSuperclass)
                .flatMap(type -> Stream.of(type.getDeclaredFields()))
                .filter(field -> field.isAnnotationPresent(TempDir.class) && field.getType() == Path.class)
                .map(field -> value(field, test))
                .filter(path -> path != null && Files.isDirectory(path))
                .toList();
    }

    private static Path value(Field field, Object test) {
        try {
            field.setAccessible(true);
            return (Path) field.get(test);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
