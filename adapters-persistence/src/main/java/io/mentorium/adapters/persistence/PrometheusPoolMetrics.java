package io.mentorium.adapters.persistence;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection pools' figures on a process's Prometheus registry, fed by HikariCP itself (see {@link
 * Databases#trackPools}; the bot and the scheduler both report theirs): how long each borrow waited for a connection
 * ({@code mentorium_db_connection_wait_seconds}, those that gave up included), the borrows that gave up ({@code
 * mentorium_db_connection_timeouts_total}), and the connections in use, idle, and threads waiting now ({@code
 * mentorium_db_connections}), each by pool. A pool whose borrowers wait is the first sign that the database or the
 * pool's size holds the process back, before any update or job is late.
 */
public final class PrometheusPoolMetrics implements MetricsTrackerFactory {

    /** From a free connection (microseconds) to one waited for behind a burst (seconds). */
    private static final double[] WAIT_BUCKETS_SECONDS =
            {0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Histogram waits;
    private final Counter timeouts;
    private final Map<String, PoolStats> pools = new ConcurrentHashMap<>();

    public PrometheusPoolMetrics(PrometheusRegistry prometheus) {
        waits = Histogram.builder()
                .name("mentorium_db_connection_wait_seconds")
                .help("Time a borrower waited for a database connection, whether it got one or gave up, by pool")
                .unit(Unit.SECONDS)
                .labelNames("pool")
                .classicOnly()
                .classicUpperBounds(WAIT_BUCKETS_SECONDS)
                .withoutExemplars()
                .register(prometheus);
        timeouts = Counter.builder()
                .name("mentorium_db_connection_timeouts_total")
                .help("Borrowers that gave up waiting for a database connection, by pool")
                .labelNames("pool")
                .withoutExemplars()
                .register(prometheus);
        GaugeWithCallback.builder()
                .name("mentorium_db_connections")
                .help("Database connections in use and idle, and threads waiting for one, by pool")
                .labelNames("pool", "state")
                .callback(callback -> pools.forEach((pool, stats) -> {
                    callback.call(stats.getActiveConnections(), pool, "active");
                    callback.call(stats.getIdleConnections(), pool, "idle");
                    callback.call(stats.getPendingThreads(), pool, "pending");
                }))
                .register(prometheus);
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        pools.put(poolName, poolStats);
        // Looked up once: a borrow is recorded thousands of times a second under load.
        DistributionDataPoint waited = waits.labelValues(poolName);
        CounterDataPoint gaveUp = timeouts.labelValues(poolName);
        return new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
                waited.observe(Math.max(0, elapsedAcquiredNanos) / 1e9);
            }

            @Override
            public void recordConnectionTimeout() {
                gaveUp.inc();
            }

            @Override
            public void close() {
                pools.remove(poolName, poolStats);
            }
        };
    }
}
