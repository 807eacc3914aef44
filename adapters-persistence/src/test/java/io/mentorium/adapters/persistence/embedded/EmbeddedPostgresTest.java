package io.mentorium.adapters.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void firstCallerOwnsSecondJoinsOwnerCloseStopsAndRestartKeepsData() throws Exception {
        int port;
        try (EmbeddedPostgres owner = EmbeddedPostgres.startOrJoin(dataDir)) {
            port = owner.port();
            assertThat(owner.owner()).isTrue();
            assertThat(owner.user()).isEqualTo("postgres");
            assertThat(owner.jdbcUrl("mentorium")).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/mentorium");
            try (EmbeddedPostgres joiner = EmbeddedPostgres.startOrJoin(dataDir)) {
                assertThat(joiner.owner()).isFalse();
                assertThat(joiner.port()).isEqualTo(port);
                execute(joiner, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives restarts')");
            }
            // a joiner letting go leaves the server alone
            assertThat(query(owner, "SELECT v FROM kept")).isEqualTo("survives restarts");
            // durable settings for the persistent cluster, whatever zonky's test-oriented defaults are
            assertThat(query(owner, "SHOW fsync")).isEqualTo("on");
            assertThat(query(owner, "SELECT upper('ўзбек тили')")).isEqualTo("ЎЗБЕК ТИЛИ");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(EmbeddedPostgres.jdbcUrl(port, "mentorium"), "postgres", ""))
                .isInstanceOf(SQLException.class);
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();

        try (EmbeddedPostgres again = EmbeddedPostgres.startOrJoin(dataDir)) {
            assertThat(again.owner()).isTrue();
            assertThat(again.port()).as("the port is kept across restarts").isEqualTo(port);
            assertThat(query(again, "SELECT v FROM kept")).isEqualTo("survives restarts");
        }
    }

    @Test
    void anotherProcessJoinsTheOwnersServerAndLosesItWhenTheOwnerCloses() throws Exception {
        try (ChildJvm child = ChildJvm.start(dataDir.getParent(), "start", dataDir.toString())) {
            String started = child.nextLine(CHILD_TIMEOUT);
            assertThat(started).startsWith("OWNER ");
            int port = Integer.parseInt(started.substring("OWNER ".length()));

            try (EmbeddedPostgres joiner = EmbeddedPostgres.startOrJoin(dataDir)) {
                assertThat(joiner.owner()).isFalse();
                assertThat(joiner.port()).isEqualTo(port);
                assertThat(query(joiner, "SELECT current_database()")).isEqualTo("mentorium");

                child.finish(CHILD_TIMEOUT);
                assertThat(child.nextLine(CHILD_TIMEOUT)).isEqualTo("CLOSED");
                assertThatThrownBy(() -> query(joiner, "SELECT 1")).isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void aServerLeftRunningByAKilledOwnerIsTakenOverWithItsData() throws Exception {
        try (ChildJvm child = ChildJvm.start(dataDir.getParent(), "start", dataDir.toString())) {
            String started = child.nextLine(CHILD_TIMEOUT);
            assertThat(started).startsWith("OWNER ");
            try (EmbeddedPostgres joiner = EmbeddedPostgres.startOrJoin(dataDir)) {
                execute(joiner, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('written before the crash')");
            }
            child.kill();
        }
        long orphan = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst().strip());
        assertThat(ProcessHandle.of(orphan)).as("kill -9 of the owner leaves its postmaster running")
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        try (EmbeddedPostgres successor = EmbeddedPostgres.startOrJoin(dataDir)) {
            assertThat(successor.owner()).isTrue();
            long postmaster = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst().strip());
            assertThat(postmaster).as("a new postmaster, not the orphan").isNotEqualTo(orphan);
            assertThat(query(successor, "SELECT v FROM kept")).isEqualTo("written before the crash");
        }
    }

    @Test
    void aStalePidFileDoesNotPreventTheNextStart() throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgres.startOrJoin(dataDir)) {
            execute(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('x')");
        }
        // An alive process that is not a postmaster (as after pid reuse): this JVM.
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n"
                + dataDir.resolve("postgres") + "\n1700000000\n5432\n/tmp\nlocalhost\n  1234   5678\nready   \n");
        try (EmbeddedPostgres second = EmbeddedPostgres.startOrJoin(dataDir)) {
            assertThat(second.owner()).isTrue();
            assertThat(query(second, "SELECT v FROM kept")).isEqualTo("x");
        }
        // A process that has exited.
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), gone.pid() + "\n");
        try (EmbeddedPostgres third = EmbeddedPostgres.startOrJoin(dataDir)) {
            assertThat(query(third, "SELECT v FROM kept")).isEqualTo("x");
        }
    }

    @Test
    void aJoinerWaitsForTheLockHolderAndTakesOverWhenItGoesAway() throws Exception {
        try (ChildJvm holder = ChildJvm.start(dataDir.getParent(), "hold-lock", dataDir.toString())) {
            assertThat(holder.nextLine(CHILD_TIMEOUT)).isEqualTo("LOCKED");

            assertThatThrownBy(() -> EmbeddedPostgres.startOrJoin(dataDir, Duration.ofMillis(300)))
                    .isInstanceOf(EmbeddedPostgresException.class)
                    .hasMessageContaining("holds " + dataDir.toRealPath().resolve("postgres.lock"))
                    .hasMessageContaining("did not accept connections");

            CompletableFuture<EmbeddedPostgres> waiting =
                    CompletableFuture.supplyAsync(() -> EmbeddedPostgres.startOrJoin(dataDir, CHILD_TIMEOUT));
            holder.finish(CHILD_TIMEOUT);
            try (EmbeddedPostgres successor = waiting.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                assertThat(successor.owner()).isTrue();
                assertThat(query(successor, "SELECT 1")).isEqualTo("1");
            }
        }
    }

    @Test
    void ephemeralServersAreIndependentAndLeaveNothingBehind() throws Exception {
        Path root;
        try (EmbeddedPostgres pg = EmbeddedPostgres.startEphemeral()) {
            assertThat(pg.owner()).isTrue();
            assertThat(query(pg, "SELECT current_database()")).isEqualTo("mentorium");
            root = Path.of(query(pg, "SHOW data_directory")).getParent();
            assertThat(root).exists();
        }
        assertThat(root).doesNotExist();
    }

    @Test
    void runningAsRootWithoutUserNamespacesIsExplained() {
        assertThat(EmbeddedPostgres.rootProblem(true, false)).hasValueSatisfying(message -> assertThat(message)
                .contains("initdb: cannot be run as root")
                .contains("DATABASE_URL"));
        assertThat(EmbeddedPostgres.rootProblem(true, true)).isEmpty();
        assertThat(EmbeddedPostgres.rootProblem(false, false)).isEmpty();
    }

    private static void execute(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
