package io.mentorium.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one run does, from the command line ({@code --name value}, and the flag {@code --jfr}).
 *
 * @param parents       registered parents pressing menu buttons, one update each per wave
 * @param newcomers     never-seen chats per wave sending {@code /start} (and {@code /help} in the next wave)
 * @param waves         waves in one saturated round
 * @param warmupRounds  saturated rounds run first and discarded
 * @param rounds        measured saturated rounds
 * @param pacedRates    offered loads (updates/s) of the paced phases
 * @param pacedUpdates  updates in each paced phase
 * @param timeout       the longest wait for one wave's or one phase's replies
 * @param jfr           whether to record the bot's measured phases with Java Flight Recorder
 * @param botJar        the bot's shaded jar, when not found in the usual place
 * @param botJvmOptions JVM options added to the bot's (after the heap settings), e.g. to log its compilations
 */
record BenchmarkSettings(int parents, int newcomers, int waves, int warmupRounds, int rounds, List<Integer> pacedRates,
                         int pacedUpdates, Duration timeout, boolean jfr, Optional<Path> botJar,
                         List<String> botJvmOptions) {

    static final String USAGE = """
            PipelineBenchmark [--parents 2000] [--newcomers 250] [--waves 4] [--warmup 1] [--rounds 3]
                              [--paced 500,1000] [--paced-updates 12000] [--timeout 120] [--jfr] [--bot-jar PATH]
                              [--bot-jvm "OPTIONS"]
              --parents        parents registered through the bot before measuring; each presses a menu button per wave
              --newcomers      never-seen chats per wave sending /start (and /help in the next wave)
              --waves          waves in one saturated round
              --warmup         saturated rounds run first and discarded
              --rounds         measured saturated rounds
              --paced          offered loads in updates/s for the paced phases, comma-separated (none: --paced 0)
              --paced-updates  updates in each paced phase
              --timeout        seconds to wait for one wave's or phase's replies before giving up
              --jfr            record the bot's measured phases with Java Flight Recorder (target/benchmark/bot.jfr)
              --bot-jar        the bot's shaded jar (default: runner-bot/target/mentorium-bot.jar of this checkout)
              --bot-jvm        JVM options added to the bot's, split on spaces (e.g. "-XX:+PrintCompilation": its
                               output goes to target/benchmark/bot.log)""";

    static final BenchmarkSettings DEFAULTS = new BenchmarkSettings(2000, 250, 4, 1, 3, List.of(500, 1000), 12000,
            Duration.ofSeconds(120), false, Optional.empty(), List.of());

    BenchmarkSettings {
        if (parents < 1 || newcomers < 0 || waves < 1 || warmupRounds < 0 || rounds < 1 || pacedUpdates < 1) {
            throw new IllegalArgumentException(
                    "parents, waves, rounds and paced-updates must be at least 1, newcomers and warmup at least 0");
        }
        pacedRates = List.copyOf(pacedRates);
        botJvmOptions = List.copyOf(botJvmOptions);
    }

    static BenchmarkSettings parse(String... args) {
        BenchmarkSettings d = DEFAULTS;
        int parents = d.parents;
        int newcomers = d.newcomers;
        int waves = d.waves;
        int warmupRounds = d.warmupRounds;
        int rounds = d.rounds;
        List<Integer> pacedRates = d.pacedRates;
        int pacedUpdates = d.pacedUpdates;
        Duration timeout = d.timeout;
        boolean jfr = d.jfr;
        Optional<Path> botJar = d.botJar;
        List<String> botJvm = d.botJvmOptions;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--jfr")) {
                jfr = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("no value after " + args[i]);
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--parents" -> parents = Integer.parseInt(value);
                case "--newcomers" -> newcomers = Integer.parseInt(value);
                case "--waves" -> waves = Integer.parseInt(value);
                case "--warmup" -> warmupRounds = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--paced" -> pacedRates = rates(value);
                case "--paced-updates" -> pacedUpdates = Integer.parseInt(value);
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                case "--bot-jar" -> botJar = Optional.of(Path.of(value));
                case "--bot-jvm" -> botJvm = BotLauncher.options(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        return new BenchmarkSettings(parents, newcomers, waves, warmupRounds, rounds, pacedRates, pacedUpdates, timeout,
                jfr, botJar, botJvm);
    }

    private static List<Integer> rates(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).map(Integer::parseInt).filter(rate -> rate > 0)
                .toList();
    }
}
