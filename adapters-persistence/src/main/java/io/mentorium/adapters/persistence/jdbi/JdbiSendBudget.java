package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.SendBudget;
import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The send budget every process shares, in the single row of {@code bot.send_budget}: one {@code UPDATE ... RETURNING}
 * per block of permits, committed without waiting for the disk. The row lock serialises concurrent draws for the
 * microseconds the update takes; a draw for a newer window starts that window's count from zero.
 */
public final class JdbiSendBudget implements SendBudget {

    private static final String DRAW = """
            WITH current_window AS (
                     SELECT CASE WHEN window_second = :second THEN used ELSE 0 END AS used
                       FROM bot.send_budget WHERE id = 1 FOR UPDATE),
                 grant_ AS (
                     SELECT used, GREATEST(0, LEAST(:wanted, :cap - used)) AS granted FROM current_window)
            UPDATE bot.send_budget AS b
               SET window_second = GREATEST(b.window_second, :second),
                   used = CASE WHEN b.window_second > :second THEN b.used ELSE grant_.used + grant_.granted END
              FROM grant_
             WHERE b.id = 1
            RETURNING CASE WHEN b.window_second > :second THEN 0 ELSE grant_.granted END AS granted, b.paused_until
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
