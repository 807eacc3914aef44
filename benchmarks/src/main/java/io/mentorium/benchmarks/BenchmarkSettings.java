package io.mentorium.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one run does, from the command line ({@code --name value}).
 *
 * @param chats        distinct chats, each a registered parent
 * @param waves        updates per chat in one round (a saturated round is that many waves of one update per chat)
 * @param warmupRounds saturated rounds run first and discarded
 * @param rounds       measured saturated rounds
 * @param pacedRates   offered loads (updates/s) of the paced rounds, one round of {@code chats × waves} updates each
 * @param timeout      the longest wait for one wave's or one round's replies
 */
record BenchmarkSettings(int chats, int waves, int warmupRounds, int rounds, List<Integer> pacedRates,
                         Duration timeout) {

    static final String USAGE = """
            PipelineBenchmark [--chats 1000] [--waves 5] [--warmup 1] [--rounds 3] [--paced 500,1000] [--timeout 120]
              --chats    distinct chats (registered parents) sending menu-type updates
              --waves    updates per chat in one round
              --warmup   saturated rounds run first and discarded
              --rounds   measured saturated rounds
              --paced    offered loads in updates/s for the paced rounds, comma-separated (none: --paced 0)
              --timeout  seconds to wait for one wave's or round's replies before giving up""";

    static final BenchmarkSettings DEFAULTS = new BenchmarkSettings(1000, 5, 1, 3, List.of(500, 1000),
            Duration.ofSeconds(120));

    BenchmarkSettings {
        if (chats < 1 || waves < 1 || warmupRounds < 0 || rounds < 1) {
            throw new IllegalArgumentException("chats, waves and rounds must be at least 1, warmup at least 0");
        }
        pacedRates = List.copyOf(pacedRates);
    }

    static BenchmarkSettings parse(String... args) {
        int chats = DEFAULTS.chats;
        int waves = DEFAULTS.waves;
        int warmupRounds = DEFAULTS.warmupRounds;
        int rounds = DEFAULTS.rounds;
        List<Integer> pacedRates = DEFAULTS.pacedRates;
        Duration timeout = DEFAULTS.timeout;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("no value after " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--chats" -> chats = Integer.parseInt(value);
                case "--waves" -> waves = Integer.parseInt(value);
                case "--warmup" -> warmupRounds = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--paced" -> pacedRates = rates(value);
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new BenchmarkSettings(chats, waves, warmupRounds, rounds, pacedRates, timeout);
    }

    /** Updates in one round. */
    int updatesPerRound() {
        return chats * waves;
    }

    private static List<Integer> rates(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).map(Integer::parseInt).filter(rate -> rate > 0)
                .toList();
    }
}
