package io.mentorium.benchmarks;

/** A phase's replies and timings with what it cost. */
record Measured(RoundResult round, Cost cost) {

    double cpuMillisPerUpdate() {
        return cost.cpuMillisPerUpdate(round.updates());
    }
}
