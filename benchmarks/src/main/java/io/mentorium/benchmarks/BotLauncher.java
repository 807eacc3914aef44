package io.mentorium.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The JVM options the bot's launchers pass before the operator's {@code JAVA_OPTS} ({@code bin/mentorium-bot} and the
 * image's entry point; BotLauncherTest keeps them in step), so that the benchmarks run the bot as operators get it.
 */
final class BotLauncher {

    /** Headless charts; young collections short enough that a menu never waits a whole one (docs/deployment.md). */
    static final List<String> JVM_OPTIONS = List.of("-Djava.awt.headless=true", "-XX:MaxGCPauseMillis=50");

    private BotLauncher() {
    }

    /** JVM options given on the command line as one value, split on spaces ({@code --bot-jvm}). */
    static List<String> options(String value) {
        return Arrays.stream(value.split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }
}
