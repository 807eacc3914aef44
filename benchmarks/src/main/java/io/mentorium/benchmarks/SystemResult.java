package io.mentorium.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one bot under test did.
 *
 * @param saturated      the measured saturated rounds
 * @param paced          one round per offered load (updates/s), in the order run
 * @param ownHandling    the bot's own handling histogram over the saturated rounds, where it has one
 * @param maxHeapUsed    most heap in use during the measured rounds, in bytes (stand-in and driver included)
 * @param liveHeap       heap in use after a full collection at the end, in bytes (stand-in and driver included)
 */
record SystemResult(String name, List<RoundResult> saturated, Map<Integer, RoundResult> paced,
                    Optional<HandlingHistogram> ownHandling, long maxHeapUsed, long liveHeap) {

    SystemResult {
        saturated = List.copyOf(saturated);
        paced = Map.copyOf(paced);
    }

    RoundResult saturatedCombined() {
        return RoundResult.combined(saturated);
    }
}
