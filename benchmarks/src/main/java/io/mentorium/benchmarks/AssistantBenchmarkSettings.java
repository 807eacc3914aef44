package io.mentorium.benchmarks;

import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one run of {@link AssistantBenchmark} does, from the command line ({@code --name value}).
 *
 * @param askers             parents registered with a linked demo child; a wave of n questions is asked by the first n
 * @param menuUsers          parents registered (one in four with a child) who press menu buttons during every phase
 * @param waves              questions sent at once in each wave, in order; each wave waits for every answer
 * @param menuRate           menu updates per second offered during every phase
 * @param baseline           how long menus are measured with no question in flight, before the first wave
 * @param timeout            the longest wait for one wave's answers (and for each registration step)
 * @param maxConcurrentAnswers {@code AI_MAX_CONCURRENT_ANSWERS} for the bot; empty leaves the bot's default
 * @param botJar             the bot's shaded jar, when not found in the usual place
 * @param threadDumps        whether to take the bot's thread dumps 2, 4 and 6 s into each wave
 * @param jfr                whether to record the bot with Java Flight Recorder (target/benchmark/assistant/bot.jfr)
 * @param botJvmOptions      JVM options added to the bot's (after the heap settings), e.g. another collector
 * @param warmup             questions per warm-up wave before the measured ones (0: none); warm-up waves go on, up to
 *                           {@link #MAX_WARMUP_WAVES}, until the bot's JIT compiler threads used at most
 *                           {@link CpuClock#JIT_SETTLED} of its CPU in one
 * @param modelTransport     how the bot reaches the model stand-in: by default TLS with HTTP/2, as api.openai.com
 */
record AssistantBenchmarkSettings(int askers, int menuUsers, List<Integer> waves, int menuRate, Duration baseline,
                         Duration timeout, OptionalInt maxConcurrentAnswers, Optional<Path> botJar,
                                  boolean threadDumps, boolean jfr, List<String> botJvmOptions, int warmup,
                                  OpenAiStandIn.Transport modelTransport) {

    /** The bot's compiler still used 19 % of its CPU in the fifth warm-up wave of 2,000 on 2026-12-05 (AMD, 2 cores). */
    static final int MAX_WARMUP_WAVES = 10;

    static final String USAGE = """
            AssistantBenchmark [--askers 3000] [--menu-users 200] [--waves 500,1000,2000,3000] [--menu-rate 50]
                               [--baseline 10] [--timeout 180] [--max-concurrent-answers N] [--bot-jar PATH]
                               [--thread-dumps] [--jfr] [--bot-jvm "OPTIONS"] [--warmup N] [--model-transport tls-h2]
              --askers                  parents who each link a demo child and ask in the waves (at least the largest wave)
              --menu-users              parents pressing menu buttons meanwhile
              --waves                   questions sent at once per wave, comma-separated; each from a distinct parent
              --menu-rate               menu updates per second offered during the baseline and every wave
              --baseline                seconds of menus alone, before the first wave
              --timeout                 seconds to wait for one wave's answers or one registration step
              --max-concurrent-answers  AI_MAX_CONCURRENT_ANSWERS for the bot (default: the bot's own, 2000)
              --bot-jar                 the bot's shaded jar (default: runner-bot/target/mentorium-bot.jar)
              --thread-dumps            jcmd Thread.dump_to_file of the bot 2, 4 and 6 s into each wave (target/benchmark/assistant);
                                        with thousands of virtual threads this crashed the JDK 25.0.3 bot (SIGSEGV in
                                        ThreadSnapshot): for diagnosis only, never for the figures
              --jfr                     record the bot with Java Flight Recorder (target/benchmark/assistant/bot.jfr): for
                                        diagnosis, the recording costs the bot CPU
              --bot-jvm                 JVM options added to the bot's, split on spaces (e.g. "-XX:+UseZGC"); the heap
                                        after GC is read from G1's log lines only
              --warmup                  questions per warm-up wave (default: the largest wave; 0: no warm-up); warm-up
                                        waves, reported but not held against the aims, go on (at most 10) until the
                                        bot's JIT compiler threads used at most 5 % of its CPU in one
              --model-transport         tls-h2: the model stand-in over TLS, HTTP/2 negotiated by ALPN, as the bot
                                        reaches api.openai.com (default); plain-h1: cleartext HTTP/1.1, one connection
                                        per answer in flight (the figures before 2026-12-02 22:00 UTC)""";

    static final AssistantBenchmarkSettings DEFAULTS = new AssistantBenchmarkSettings(3000, 200, List.of(500, 1000, 2000, 3000), 50,
            Duration.ofSeconds(10), Duration.ofSeconds(180), OptionalInt.empty(), Optional.empty(), false, false, List.of(),
            -1, OpenAiStandIn.Transport.TLS_HTTP_2);

    AssistantBenchmarkSettings {
        waves = List.copyOf(waves);
        botJvmOptions = List.copyOf(botJvmOptions);
        Objects.requireNonNull(modelTransport, "modelTransport");
        if (askers < 1 || menuUsers < 1 || menuRate < 1 || waves.isEmpty()) {
            throw new IllegalArgumentException("askers, menu users, menu rate and waves must be at least 1");
        }
        if (warmup < 0) {
            warmup = waves.stream().mapToInt(Integer::intValue).max().orElse(0);
        }
        if (warmup > askers) {
            throw new IllegalArgumentException("--warmup needs at most --askers (" + askers + ") questions: " + warmup);
        }
        if (waves.stream().anyMatch(wave -> wave < 1 || wave > askers)) {
            throw new IllegalArgumentException("every wave needs 1 to --askers (" + askers + ") questions: " + waves);
        }
        if (baseline.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("baseline must not be negative, timeout must be positive");
        }
        if (maxConcurrentAnswers.isPresent() && maxConcurrentAnswers.getAsInt() < 1) {
            throw new IllegalArgumentException("--max-concurrent-answers must be at least 1");
        }
    }

    static AssistantBenchmarkSettings parse(String... args) {
        AssistantBenchmarkSettings d = DEFAULTS;
        int askers = d.askers;
        int menuUsers = d.menuUsers;
        List<Integer> waves = d.waves;
        int menuRate = d.menuRate;
        Duration baseline = d.baseline;
        Duration timeout = d.timeout;
        OptionalInt maxConcurrent = d.maxConcurrentAnswers;
        Optional<Path> botJar = d.botJar;
        boolean askersGiven = false;
        boolean threadDumps = false;
        boolean jfr = false;
        List<String> botJvm = d.botJvmOptions;
        int warmup = -1;
        OpenAiStandIn.Transport modelTransport = d.modelTransport;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--thread-dumps") || args[i].equals("--jfr")) {
                threadDumps |= args[i].equals("--thread-dumps");
                jfr |= args[i].equals("--jfr");
                i--;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("no value after " + args[i]);
            }
            String value = args[i + 1].strip();
            switch (args[i]) {
                case "--askers" -> {
                    askers = Integer.parseInt(value);
                    askersGiven = true;
                }
                case "--menu-users" -> menuUsers = Integer.parseInt(value);
                case "--waves" -> waves = Arrays.stream(value.split(",")).map(String::strip)
                        .filter(wave -> !wave.isEmpty()).map(Integer::parseInt).toList();
                case "--menu-rate" -> menuRate = Integer.parseInt(value);
                case "--baseline" -> baseline = Duration.ofSeconds(Long.parseLong(value));
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                case "--max-concurrent-answers" -> maxConcurrent = OptionalInt.of(Integer.parseInt(value));
                case "--bot-jar" -> botJar = Optional.of(Path.of(value));
                case "--bot-jvm" -> botJvm = BotLauncher.options(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--model-transport" -> modelTransport = switch (value) {
                    case "tls-h2" -> OpenAiStandIn.Transport.TLS_HTTP_2;
                    case "plain-h1" -> OpenAiStandIn.Transport.PLAIN_HTTP_1_1;
                    default -> throw new IllegalArgumentException("--model-transport is tls-h2 or plain-h1: " + value);
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!askersGiven) {
            // Enough askers for the largest wave asked for, and no more: registering them is the slow part.
            askers = Math.max(warmup, waves.stream().mapToInt(Integer::intValue).max().orElse(askers));
        }
        return new AssistantBenchmarkSettings(askers, menuUsers, waves, menuRate, baseline, timeout, maxConcurrent, botJar,
                threadDumps, jfr, botJvm, warmup, modelTransport);
    }
}
