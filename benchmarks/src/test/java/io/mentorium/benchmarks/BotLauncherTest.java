package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmarks start the bot with the options its launchers ship: a change to one must reach the other. */
class BotLauncherTest {

    @Test
    void theLauncherScriptAndTheImagePassTheOptionsTheBenchmarksUse() throws IOException {
        String script = Files.readString(Path.of("..", "bin", "mentorium-bot"));
        String image = Files.readString(Path.of("..", "deploy", "docker-entrypoint.sh"));
        String launch = String.join(" ", BotLauncher.JVM_OPTIONS);

        assertThat(script).contains("exec \"$JAVA\" " + launch + " ${JAVA_OPTS:-} -jar \"$JAR\" \"$@\"");
        assertThat(image).contains("bot) exec java " + launch + " ${JAVA_OPTS:-} -jar /app/mentorium-bot.jar");
    }
}
