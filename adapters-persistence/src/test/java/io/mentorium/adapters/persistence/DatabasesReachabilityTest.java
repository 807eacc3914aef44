package io.mentorium.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.Databases.Reachability;
import io.mentorium.adapters.persistence.embedded.EmbeddedPostgres;
import io.mentorium.adapters.persistence.platform.PlatformSchema;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabasesReachabilityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;

    @Test
    void both_databases_answer_while_open() {
        TestDatabase.Database db = TestDatabase.freshDatabase();
        try (Databases databases = open(db)) {
            assertThat(databases.checkReachable(TIMEOUT))
                    .containsExactly(new Reachability("bot", Optional.empty()),
                            new Reachability("platform", Optional.empty()));
        }
    }

    @Test
    void closed_pools_are_reported_down_with_a_short_reason() {
        TestDatabase.Database db = TestDatabase.freshDatabase();
        Databases databases = open(db);
        databases.close();

        List<Reachability> checks = databases.checkReachable(TIMEOUT);

        assertThat(checks).extracting(Reachability::database).containsExactly("bot", "platform");
        assertThat(checks).allSatisfy(check -> {
            assertThat(check.up()).isFalse();
            assertThat(check.problem().orElseThrow()).contains("closed").doesNotContain("\n").hasSizeLessThan(200);
        });
    }

    @Test
    void a_database_gone_from_the_server_is_reported_down_without_a_url()
            throws SQLException {
        TestDatabase.Database db = TestDatabase.freshDatabase();
        try (Databases databases = open(db)) {
            EmbeddedPostgres server = TestDatabase.server();
            try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                    server.password());
                 Statement drop = admin.createStatement()) {
                drop.execute("DROP DATABASE " + db.name() + " WITH (FORCE)");
            }

            List<Reachability> checks = databases.checkReachable(Duration.ofMillis(500));

            assertThat(checks).allSatisfy(check -> {
                assertThat(check.up()).isFalse();
                assertThat(check.problem().orElseThrow()).doesNotContain("jdbc:").doesNotContain("\n");
            });
        }
    }

    @Test
    void a_pool_that_does_not_answer_in_time_counts_as_down() {
        CountDownLatch release = new CountDownLatch(1);
        DataSource stuck = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    release.await(); // like Hikari waiting for a connection that never comes
                    throw new SQLException("gave up");
                });
        try {
            Reachability check = Databases.probe("platform", stuck, Duration.ofMillis(100)).join();

            assertThat(check).isEqualTo(new Reachability("platform", Optional.of("no answer within 100 ms")));
        } finally {
            release.countDown();
        }
    }

    private Databases open(TestDatabase.Database db) {
        return Databases.open(new PersistenceSettings(Optional.of(MigratedDatabase.settings(db)), 2, Optional.empty(),
                PlatformSchema.DEFAULT, dataDir), false);
    }
}
