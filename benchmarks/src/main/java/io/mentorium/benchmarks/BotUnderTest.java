package io.mentorium.benchmarks;

import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The bot as both benchmarks run it: which jar, and the environment of an operator's production start. */
final class BotUnderTest {

    /** Telegram's ceiling for one bot, which the bot is configured to. */
    static final int SENDS_PER_SECOND = 1_000;

    private BotUnderTest() {
    }

    /**
     * Runs a benchmark and ends the JVM: the report on stdout and exit 0, or the failure on stderr and exit 1.
     * Leftover non-daemon threads (HTTP clients, the stand-ins') must not keep a finished or failed run alive; the child
     * processes and PostgreSQL have been stopped by then, or are by the shutdown hooks.
     */
    static void reportAndExit(java.util.concurrent.Callable<String> benchmark) {
        String report;
        try {
            report = benchmark.call();
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
            return;
        }
        System.out.println(report);
        System.exit(0);
    }

    /** The environment shared by every benchmark: the stand-in as Telegram, the benchmark's PostgreSQL, quiet logs. */
    static Map<String, String> environment(BotApiStandIn telegram, PostgresServer postgres, Path workDir) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", telegram.token());
        env.put("TELEGRAM_API_URL", telegram.baseUri().toString());
        env.put("DATABASE_URL", postgres.jdbcUrl());
        env.put("DATABASE_USER", postgres.user());
        env.put("DATABASE_PASSWORD", "");
        env.put("MENTORIUM_DATA_DIR", workDir.resolve("bot-data").toString());
        env.put("HTTP_PORT", "0");
        env.put("HTTP_BIND", "127.0.0.1");
        env.put("TELEGRAM_MAX_SENDS_PER_SECOND", Integer.toString(SENDS_PER_SECOND));
        env.put("LOG_LEVEL", "WARN");
        env.put("LOG_FORMAT", "text");
        // An operator's one tuning knob for the pool, passed through so its effect can be measured.
        String poolSize = System.getenv("DATABASE_POOL_SIZE");
        if (poolSize != null && !poolSize.isBlank()) {
            env.put("DATABASE_POOL_SIZE", poolSize);
        }
        return env;
    }

    /**
     * The shaded jar that {@code -am} has just packaged: {@code given} ({@code --bot-jar}), else the path the build
     * passes in, else {@code runner-bot/target/mentorium-bot.jar} in the working directory or a parent of it.
     */
    static Path jar(Optional<Path> given, PrintStream progress) {
        Optional<Path> candidate = given
                .or(() -> Optional.ofNullable(System.getProperty("benchmark.botJar")).map(Path::of))
                .or(() -> {
                    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                        Path jar = dir.resolve("runner-bot/target/mentorium-bot.jar");
                        if (Files.isRegularFile(jar)) {
                            return Optional.of(jar);
                        }
                    }
                    return Optional.empty();
                });
        Path jar = candidate.filter(Files::isRegularFile).orElseThrow(() -> new IllegalStateException(
                "the bot's shaded jar was not found" + candidate.map(p -> " at " + p).orElse("")
                        + "; build it with ./mvnw -pl runner-bot -am package -DskipTests or pass --bot-jar"));
        progress.println("Bot jar: " + jar.toAbsolutePath().normalize());
        return jar.toAbsolutePath().normalize();
    }
}
