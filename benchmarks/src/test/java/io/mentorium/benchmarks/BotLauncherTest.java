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

        assertThat(script).contains("exec \"$JAVA\" " + launch + " $JAVA_25_OPTIONS ${JAVA_OPTS:-} -jar \"$JAR\" \"$@\"")
                .contains("if [ \"${JAVA_MAJOR:-0}\" -ge 25 ]; then JAVA_25_OPTIONS='"
                        + String.join(" ", BotLauncher.JAVA_25_OPTIONS) + "'; fi");
        // The image runs Java 21, where the Java 25 options do not exist.
        assertThat(image).contains("bot) exec java " + launch + " ${JAVA_OPTS:-} -jar /app/mentorium-bot.jar");
        assertThat(Files.readString(Path.of("..", "Dockerfile"))).contains("FROM eclipse-temurin:21-jre");
    }

    @Test
    void aBotOnJava25OrLaterGetsTheJava25OptionsAsFromTheLauncher() {
        assertThat(BotLauncher.jvmOptions(21)).isEqualTo(BotLauncher.JVM_OPTIONS);
        assertThat(BotLauncher.jvmOptions(25)).containsExactly("-Djava.awt.headless=true", "-XX:MaxGCPauseMillis=50",
                "-XX:G1ReservePercent=30", "-XX:+UseCompactObjectHeaders");
        assertThat(BotLauncher.jvmOptions(26)).isEqualTo(BotLauncher.jvmOptions(25));
    }
}
