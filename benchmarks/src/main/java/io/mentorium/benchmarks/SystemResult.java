package io.mentorium.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one system under test did.
 *
 * @param saturatedRounds  the measured saturated rounds one by one
 * @param saturated        those rounds together, with their cost
 * @param paced            one phase per offered load (updates/s), in the order run
 * @param ownHandling      the bot's own handling histogram over the saturated rounds, where it has one
 * @param peakResidentBytes most resident memory the process had, if known
 * @param statements       the database's statements over the saturated rounds, most called first (none without one)
 */
record SystemResult(String name, List<RoundResult> saturatedRounds, Measured saturated, Map<Integer, Measured> paced,
                    Optional<PromHistogram> ownHandling, Optional<Long> peakResidentBytes,
                    List<PostgresServer.StatementCount> statements) {

    SystemResult {
        saturatedRounds = List.copyOf(saturatedRounds);
        paced = Map.copyOf(paced);
        statements = List.copyOf(statements);
    }
}
