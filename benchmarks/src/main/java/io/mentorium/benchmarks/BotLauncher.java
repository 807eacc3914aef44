package io.mentorium.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVM options the bot's launchers pass before the operator's {@code JAVA_OPTS} ({@code bin/mentorium-bot} and the
 * image's entry point; BotLauncherTest keeps them in step), so that the benchmarks run the bot as operators get it.
 */
final class BotLauncher {

    /**
     * Headless charts; young collections short enough that a menu never waits a whole one, and room kept free to copy
     * what a wave of answers still holds (docs/deployment.md).
     */
    static final List<String> JVM_OPTIONS = List.of("-Djava.awt.headless=true", "-XX:MaxGCPauseMillis=50",
            "-XX:G1ReservePercent=30");
    /** What {@code bin/mentorium-bot} adds after them on Java 25 and later: 8-byte object headers (JEP 519). */
    static final List<String> JAVA_25_OPTIONS = List.of("-XX:+UseCompactObjectHeaders");

    /** The options of a bot started with this JVM's own {@code java}, as {@code bin/mentorium-bot} would start it. */
    static List<String> jvmOptions() {
        return jvmOptions(Runtime.version().feature());
    }

    static List<String> jvmOptions(int javaMajor) {
        return javaMajor < 25 ? JVM_OPTIONS : Stream.concat(JVM_OPTIONS.stream(), JAVA_25_OPTIONS.stream()).toList();
    }

    private BotLauncher() {
    }

    /** JVM options given on the command line as one value, split on spaces ({@code --bot-jvm}). */
    static List<String> options(String value) {
        return Arrays.stream(value.split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }
}
