package io.mentorium.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Feeds the {@link LoadMix} to the stand-in, in one of two shapes, and measures each round. */
final class LoadDriver {

    /** How often a paced round enqueues a batch: short enough that batches stay small, long enough to be kept. */
    private static final long PACE_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final BotApiStandIn standIn;
    private final LoadMix mix;
    private final Duration timeout;
    private final ArrayDeque<ObjectNode> pending = new ArrayDeque<>();

    LoadDriver(BotApiStandIn standIn, LoadMix mix, Duration timeout) {
        this.standIn = standIn;
        this.mix = mix;
        this.timeout = timeout;
    }

    /**
     * As fast as the system goes: {@code waves} waves, each enqueued at once as soon as every reply to the previous
     * wave has arrived (so a chat never has two updates outstanding).
     */
    RoundResult saturated(ReplyClock clock, int waves) throws InterruptedException {
        List<List<ObjectNode>> planned = new ArrayList<>(waves);
        int total = 0;
        for (int wave = 0; wave < waves; wave++) {
            planned.add(mix.nextWave());
            total += planned.getLast().size();
        }
        ReplyClock.Recording recording = clock.record(total);
        long startedAt = System.nanoTime();
        int answered = 0;
        for (List<ObjectNode> wave : planned) {
            standIn.enqueueUpdates(wave);
            answered += wave.size();
            recording.await(answered, timeout);
        }
        return recording.result(startedAt);
    }

    /**
     * An offered load: {@code total} updates at {@code perSecond}, a small batch every 20 ms whatever the system does,
     * taken from consecutive waves of the mix.
     */
    RoundResult paced(ReplyClock clock, int total, int perSecond) throws InterruptedException {
        int batch = batchSize(perSecond);
        ReplyClock.Recording recording = clock.record(total);
        long startedAt = System.nanoTime();
        long nextBatchAt = startedAt;
        int enqueued = 0;
        while (enqueued < total) {
            for (long wait = nextBatchAt - System.nanoTime(); wait > 0; wait = nextBatchAt - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int size = Math.min(batch, total - enqueued);
            List<ObjectNode> updates = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                if (pending.isEmpty()) {
                    pending.addAll(mix.nextWave());
                }
                updates.add(pending.poll());
            }
            standIn.enqueueUpdates(updates);
            enqueued += size;
            nextBatchAt += PACE_TICK_NANOS;
        }
        recording.await(total, timeout);
        return recording.result(startedAt);
    }

    /** The rate {@link #paced} really offers for a requested one (whole updates per 20 ms). */
    static int offeredRate(int perSecond) {
        return (int) Math.round(batchSize(perSecond) * 1e9 / PACE_TICK_NANOS);
    }

    private static int batchSize(int perSecond) {
        return Math.max(1, Math.round(perSecond * PACE_TICK_NANOS / 1e9f));
    }
}
