package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

class BotLogsKeptOnFailureTest {

    @TempDir
    Path workDir;
    @TempDir
    Path keptDir;

    @Test
    void aFailedTestsBotLogsAreCopiedAndTheirEndsAddedToTheMessage() throws Exception {
        Files.writeString(workDir.resolve("run-1.log"), IntStream.rangeClosed(1, 40)
                .mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));
        Files.writeString(workDir.resolve("second.log"), "polling started\n");
        Files.writeString(workDir.resolve("data.bin"), "not a log");

        String tails = BotLogsKeptOnFailure.keep(workDir, keptDir.resolve("kept"));

        assertThat(keptDir.resolve("kept/run-1.log")).hasSameTextualContentAs(workDir.resolve("run-1.log"));
        assertThat(keptDir.resolve("kept/second.log")).hasContent("polling started");
        assertThat(keptDir.resolve("kept/data.bin")).doesNotExist();
        assertThat(tails).contains("the last 25 of 40 lines of", "line 16\n", "line 40\n", "polling started")
                .doesNotContain("line 15\n");
    }

    @Test
    void theFailureIsRethrownWithTheLogsEndsAndItsOwnMessageAndCause() throws Exception {
        Files.writeString(workDir.resolve("first.log"), "the process stood here\n");
        AssertionError failure = new AssertionError("expected 4 replies but got 3");
        ExtensionContext context = (ExtensionContext) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ExtensionContext.class}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "getRequiredTestClass" -> BotLogsKeptOnFailureTest.class;
                            case "getRequiredTestMethod" -> BotLogsKeptOnFailureTest.class.getDeclaredMethod(
                                    "theFailureIsRethrownWithTheLogsEndsAndItsOwnMessageAndCause");
                            case "getTestInstance" -> java.util.Optional.of(this);
                            default -> throw new UnsupportedOperationException(method.getName());
                        });

        assertThatThrownBy(() -> new BotLogsKeptOnFailure().handleTestExecutionException(context, failure))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected 4 replies but got 3\n")
                .hasMessageContaining("the process stood here")
                .hasCause(failure);
    }
}
