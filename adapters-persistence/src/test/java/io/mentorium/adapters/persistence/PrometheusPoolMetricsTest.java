package io.mentorium.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A real pool of one connection over a real PostgreSQL, reporting to a registry as the bot's and scheduler's do. */
class PrometheusPoolMetricsTest {

    private static final TestDatabase.Database DB = TestDatabase.freshDatabase();

    private final PrometheusRegistry registry = new PrometheusRegistry();

    @Test
    void borrowsTheirWaitsTimeoutsAndConnectionsAreReportedByPool() throws SQLException {
        try (HikariDataSource pool = new HikariDataSource(config("one-connection"))) {
            pool.setMetricsTrackerFactory(new PrometheusPoolMetrics(registry));

            try (Connection held = pool.getConnection()) {
                assertThat(held.isValid(1)).isTrue();
                assertThat(scrape())
                        .contains("mentorium_db_connections{pool=\"one-connection\",state=\"active\"} 1.0\n")
                        .contains("mentorium_db_connections{pool=\"one-connection\",state=\"idle\"} 0.0\n");
                // The only connection is out: the next borrower gives up after the pool's timeout.
                assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
            }

            // Both borrows waited: the first for next to nothing, the second the pool's timeout, and then gave up.
            assertThat(scrape())
                    .contains("mentorium_db_connection_wait_seconds_bucket{pool=\"one-connection\",le=\"0.1\"} 1\n")
                    .contains("mentorium_db_connection_wait_seconds_count{pool=\"one-connection\"} 2\n")
                    .contains("mentorium_db_connection_timeouts_total{pool=\"one-connection\"} 1.0\n");
        }
        // A closed pool is no longer reported as having connections.
        assertThat(scrape()).doesNotContain("mentorium_db_connections{pool=\"one-connection\"");
    }

    private String scrape() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(text, registry.scrape());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    private static HikariConfig config(String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(DB.jdbcUrl());
        config.setUsername(DB.user());
        config.setPassword(DB.password());
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(250); // HikariCP's least
        return config;
    }
}
