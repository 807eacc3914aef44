package io.mentorium.adapters.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.OperationalCounts.Counts;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiOperationalCountsTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");

    @BeforeEach
    void empty() {
        db.truncate();
        db.jdbi().useHandle(h -> h.execute("TRUNCATE bot.dead_letters"));
    }

    @Test
    void an_empty_bot_counts_nothing() {
        assertThat(new JdbiOperationalCounts(db.jdbi()).read(NOW)).isEqualTo(new Counts(0, 0, 0, 0));
    }

    @Test
    void pending_rows_recent_dead_letters_and_paid_periods_with_renewals_stacked_are_counted() {
        db.jdbi().useHandle(h -> {
            h.execute("""
                    INSERT INTO bot.inbox_updates (update_id, chat_id, payload, received_at, state, handled_at)
                    VALUES (1, 10, '{"type":"text"}', now(), 0, NULL), (2, 10, '{"type":"text"}', now(), 0, NULL),
                           (3, 10, '{"type":"text"}', now(), 1, now())""");
            h.execute("""
                    INSERT INTO bot.outbox_messages (chat_id, kind, payload, created_at, not_before, state, handled_at)
                    VALUES (10, 'send_text', '{"type":"send_text"}', now(), now(), 0, NULL),
                           (10, 'send_text', '{"type":"send_text"}', now(), now(), 2, now())""");
            h.execute("""
                    INSERT INTO bot.dead_letters (update_id, chat_id, stage, reason, quarantined_at)
                    VALUES (5, 10, 'handle', 'x', '2026-11-15T02:00:00Z'), (6, 10, 'decode', 'y', '2026-11-10T00:00:00Z')
                    """);
            // Parent 1: a month paid on Oct 1 and renewed early on Oct 20 — stacked, covered until Dec 1.
            // Parent 2: one month paid on Oct 1 — ended Nov 1. Parent 3: a year, paid a week ago.
            h.execute("""
                    INSERT INTO bot.subscription_grants (payment_id, parent_id, plan, paid_at) VALUES
                      ('p1a', 1, 'MONTH', '2026-10-01T00:00:00Z'), ('p1b', 1, 'MONTH', '2026-10-20T00:00:00Z'),
                      ('p2', 2, 'MONTH', '2026-10-01T00:00:00Z'), ('p3', 3, 'YEAR', '2026-11-08T00:00:00Z')""");
        });

        assertThat(new JdbiOperationalCounts(db.jdbi()).read(NOW)).isEqualTo(new Counts(2, 1, 1, 2));
    }
}
