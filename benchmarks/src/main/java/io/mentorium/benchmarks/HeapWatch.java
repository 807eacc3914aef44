package io.mentorium.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The most heap in use while a phase runs, sampled from the {@link MemoryMXBean} every few milliseconds. It depends on
 * when the collector runs as much as on what is live, so it is read as a ratio between two phases of the same JVM.
 */
final class HeapWatch implements AutoCloseable {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final AtomicLong maxUsed = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapWatch(Duration every) {
        long nanos = every.toNanos();
        sampler = Thread.ofPlatform().name("heap-watch").daemon(true).start(() -> {
            while (running) {
                maxUsed.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                LockSupport.parkNanos(nanos);
            }
        });
    }

    /** Starts sampling after a full collection, so that the previous phase's garbage is not counted. */
    static HeapWatch start() {
        liveHeapBytes();
        return new HeapWatch(Duration.ofMillis(5));
    }

    /** Heap in use right after a full collection: roughly what is live. */
    static long liveHeapBytes() {
        MEMORY.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static long maxHeapBytes() {
        return MEMORY.getHeapMemoryUsage().getMax();
    }

    long maxUsedBytes() {
        return maxUsed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(TimeUnit.SECONDS.toMillis(1));
    }
}
