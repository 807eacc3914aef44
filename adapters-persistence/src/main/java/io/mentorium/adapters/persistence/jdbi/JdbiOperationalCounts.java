package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.OperationalCounts;
import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The counts in one statement over the partial indexes of pending rows. A parent's paid period is the plans' months
 * stacked from the latest payment that started a fresh period: end = Σ months + max over payments of (paid_at − months
 * paid before it), the closed form of "each renewal starts at the later of its payment and the previous end".
 */
public final class JdbiOperationalCounts implements OperationalCounts {

    private static final String SQL = """
            WITH grants AS (
                SELECT parent_id, paid_at, months,
                       sum(months) OVER (PARTITION BY parent_id ORDER BY paid_at, payment_id) - months AS before
                  FROM (SELECT parent_id, paid_at, payment_id,
                               CASE plan WHEN 'MONTH' THEN 1 WHEN 'QUARTER' THEN 3 ELSE 12 END AS months
                          FROM bot.subscription_grants) g
            ), ends AS (
                SELECT parent_id, max(paid_at - make_interval(months => CAST(before AS int)))
                                  + make_interval(months => CAST(sum(months) AS int)) AS ends_at
                  FROM grants GROUP BY parent_id
            )
            SELECT (SELECT count(*) FROM bot.inbox_updates WHERE state = 0) AS inbox_pending,
                   (SELECT count(*) FROM bot.outbox_messages WHERE state = 0) AS outbox_pending,
                   (SELECT count(*) FROM bot.dead_letters
                     WHERE quarantined_at > CAST(:now AS timestamptz) - interval '24 hours') AS quarantined,
                   (SELECT count(*) FROM ends WHERE ends_at > :now) AS active
            """;

    private final Jdbi jdbi;

    public JdbiOperationalCounts(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Counts read(Instant now) {
        return Storage.call("count queues and subscriptions", () -> jdbi.withHandle(handle -> handle.createQuery(SQL)
                .bind("now", now)
                .map((rs, ctx) -> new Counts(rs.getLong("inbox_pending"), rs.getLong("outbox_pending"),
                        rs.getLong("quarantined"), rs.getLong("active")))
                .one()));
    }
}
