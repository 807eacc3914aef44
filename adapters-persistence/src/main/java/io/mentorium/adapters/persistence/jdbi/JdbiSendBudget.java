package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.SendBudget;
import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The send budget every process shares, in the single row of {@code bot.send_budget}: one {@code UPDATE ... RETURNING}
 * per block of permits, committed without waiting for the disk. The row lock serialises concurrent draws for the
 * microseconds the update takes; a draw for a newer window starts that window's count from zero, and a draw for the
 * window after the current one (drawn ahead of it) is counted apart.
 */
public final class JdbiSendBudget implements SendBudget {

    /**
     * The row counts two windows: {@code window_second} and the one after it ({@code next_used}), so that a relay can
     * draw the next window's permits just before it begins without ending the count of the current one. A draw for a
     * window later than those moves the row on (what was counted for the window it moves to is kept); a draw for a
     * window before them gets nothing.
     */
    private static final String DRAW = """
            WITH current_row AS (
                     SELECT window_second, used, next_used FROM bot.send_budget WHERE id = 1 FOR UPDATE),
                 moved AS (
                     SELECT GREATEST(window_second, :second - 1) AS base,
                            CASE WHEN GREATEST(window_second, :second - 1) = window_second THEN used
                                 WHEN GREATEST(window_second, :second - 1) = window_second + 1 THEN next_used
                                 ELSE 0 END AS used,
                            CASE WHEN GREATEST(window_second, :second - 1) = window_second THEN next_used
                                 ELSE 0 END AS next_used
                       FROM current_row),
                 grant_ AS (
                     SELECT base, used, next_used,
                            CASE WHEN :second = base THEN GREATEST(0, LEAST(:wanted, :cap - used))
                                 WHEN :second = base + 1 THEN GREATEST(0, LEAST(:wanted, :cap - next_used))
                                 ELSE 0 END AS granted
                       FROM moved)
            UPDATE bot.send_budget AS b
               SET window_second = grant_.base,
                   used = grant_.used + CASE WHEN :second = grant_.base THEN grant_.granted ELSE 0 END,
                   next_used = grant_.next_used + CASE WHEN :second = grant_.base + 1 THEN grant_.granted ELSE 0 END
              FROM grant_
             WHERE b.id = 1
            RETURNING grant_.granted, b.paused_until
            """;

    private final Jdbi jdbi;

    public JdbiSendBudget(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Grant draw(long epochSecond, int wanted, int cap) {
        if (wanted <= 0) {
            throw new IllegalArgumentException("wanted must be positive: " + wanted);
        }
        return Storage.call("draw send permits", () -> jdbi.inTransaction(handle -> {
            // A count that lives for one second need not wait for the WAL flush: a draw lost to a database crash
            // lets at most that window's permits go twice, while a durable commit per draw held every relay's
            // sending up for a disk flush several times a second.
            handle.execute("SET LOCAL synchronous_commit TO OFF");
            var grant = handle.createQuery(DRAW).bind("second", epochSecond).bind("wanted", wanted)
                    .bind("cap", cap)
                    .map((rows, context) -> new Grant(rows.getInt("granted"),
                            rows.getTimestamp("paused_until").toInstant()))
                    .findOne();
            if (grant.isPresent()) {
                return grant.get();
            }
            // The row is gone (a truncate by hand): put it back and draw again.
            handle.execute("INSERT INTO bot.send_budget (id) VALUES (1) ON CONFLICT DO NOTHING");
            return handle.createQuery(DRAW).bind("second", epochSecond).bind("wanted", wanted).bind("cap", cap)
                    .map((rows, context) -> new Grant(rows.getInt("granted"),
                            rows.getTimestamp("paused_until").toInstant()))
                    .one();
        }));
    }

    @Override
    public void pauseUntil(Instant until) {
        Objects.requireNonNull(until, "until");
        Storage.call("pause sending", () -> jdbi.withHandle(handle -> handle.createUpdate("""
                INSERT INTO bot.send_budget (id, paused_until) VALUES (1, :until)
                ON CONFLICT (id) DO UPDATE
                   SET paused_until = GREATEST(bot.send_budget.paused_until, EXCLUDED.paused_until)
                """).bind("until", until).execute()));
    }
}
