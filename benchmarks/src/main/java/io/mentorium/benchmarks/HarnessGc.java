package io.mentorium.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * This JVM's own collections (both stand-ins and the load driver live here): a pause of the harness holds every reply
 * it has yet to receive, so a latency figure is only the bot's if the harness did not stop meanwhile.
 *
 * @param collections collections of any kind
 * @param millis      their accumulated time as the collectors report it
 * @param full        full collections (G1's "Old Generation" collector)
 */
record HarnessGc(long collections, long millis, long full) {

    static HarnessGc now() {
        long collections = 0;
        long millis = 0;
        long full = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            long count = Math.max(0, collector.getCollectionCount());
            collections += count;
            millis += Math.max(0, collector.getCollectionTime());
            if (collector.getName().contains("Old")) {
                full += count;
            }
        }
        return new HarnessGc(collections, millis, full);
    }

    HarnessGc since(HarnessGc before) {
        return new HarnessGc(collections - before.collections, millis - before.millis, full - before.full);
    }
}
