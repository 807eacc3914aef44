package io.mentorium.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.application.port.out.InstanceLock.Held;
import io.mentorium.application.port.out.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two {@link PostgresInstanceLock}s stand for two processes: each takes its lock on a connection of its own, so the
 * server sees two sessions exactly as it would for two JVMs.
 */
class PostgresInstanceLockTest {

    /** The first eight bytes of SHA-256("mentorium:a"), big-endian, computed independently. */
    private static final long KEY_OF_A = 6_548_769_513_272_070_160L;

    private static TestDatabase.Database db;
    private static DatabaseSettings settings;

    @BeforeAll
    static void database() {
        db = TestDatabase.freshDatabase();
        settings = MigratedDatabase.settings(db);
    }

    @Test
    void a_second_instance_is_refused_while_the_lock_is_held_and_gets_it_after_close() {
        PostgresInstanceLock first = new PostgresInstanceLock(settings);
        PostgresInstanceLock second = new PostgresInstanceLock(settings);

        Held held = first.tryAcquire("polling").orElseThrow();
        assertThat(held.stillHeld()).isTrue();
        assertThat(second.tryAcquire("polling")).isEmpty();

        held.close();
        assertThat(held.stillHeld()).isFalse();
        Optional<Held> taken = second.tryAcquire("polling");
        assertThat(taken).isPresent();
        taken.get().close();
        held.close(); // closing twice is harmless
    }

    @Test
    void different_names_are_different_locks() {
        PostgresInstanceLock lock = new PostgresInstanceLock(settings);

        try (Held polling = lock.tryAcquire("polling-a").orElseThrow();
             Held scheduler = new PostgresInstanceLock(settings).tryAcquire("scheduler-a").orElseThrow()) {
            assertThat(polling.stillHeld()).isTrue();
            assertThat(scheduler.stillHeld()).isTrue();
        }
    }

    @Test
    void when_the_holding_session_dies_the_lock_is_lost_and_free_for_another_instance() throws SQLException {
        Held held = new PostgresInstanceLock(settings).tryAcquire("polling-b").orElseThrow();
        PostgresInstanceLock other = new PostgresInstanceLock(settings);
        assertThat(other.tryAcquire("polling-b")).isEmpty();

        assertThat(terminateHolderOf(PostgresInstanceLock.keyOf("polling-b"))).isTrue();

        assertThat(held.stillHeld()).isFalse();
        Held taken = other.tryAcquire("polling-b").orElseThrow();
        assertThat(taken.stillHeld()).isTrue();
        taken.close();
        held.close(); // its connection is gone: closing must not throw
    }

    @Test
    void the_key_is_stable_and_differs_between_names() {
        // Pinned: a changed derivation would let an old and a new version run side by side.
        assertThat(PostgresInstanceLock.keyOf("telegram-polling")).isEqualTo(PostgresInstanceLock.keyOf("telegram-polling"));
        assertThat(PostgresInstanceLock.keyOf("telegram-polling")).isNotEqualTo(PostgresInstanceLock.keyOf("scheduler"));
        assertThat(PostgresInstanceLock.keyOf("a")).isEqualTo(KEY_OF_A);
    }

    @Test
    void an_unreachable_database_fails_with_a_storage_exception_without_credentials() {
        PostgresInstanceLock nowhere = new PostgresInstanceLock(DatabaseSettings.of(
                "jdbc:postgresql://127.0.0.1:1/nowhere?password=in-url", "someone", "top-secret"));

        assertThatThrownBy(() -> nowhere.tryAcquire("polling"))
                .isInstanceOf(StorageException.class)
                .hasMessageNotContaining("top-secret")
                .hasMessageNotContaining("in-url");
    }

    /** Ends the session holding the advisory lock and waits (up to 10 s) until it has gone. */
    private static boolean terminateHolderOf(long key) throws SQLException {
        try (Connection admin = db.dataSource().getConnection();
             PreparedStatement kill = admin.prepareStatement("""
                     SELECT pg_terminate_backend(pid, 10000)
                       FROM pg_locks
                      WHERE locktype = 'advisory' AND granted AND objsubid = 1
                        AND classid = CAST((? >> 32) & 4294967295 AS oid)
                        AND objid = CAST(? & 4294967295 AS oid)
                     """)) {
            kill.setLong(1, key);
            kill.setLong(2, key);
            try (ResultSet result = kill.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
