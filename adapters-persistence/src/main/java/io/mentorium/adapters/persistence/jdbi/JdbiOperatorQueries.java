package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The operators' figures in two statements. Active subscriptions are derived from the grants as {@code Subscription}
 * derives them (each paid period starts when the previous one ends or when it was paid, whichever is later, and lasts
 * its plan's calendar months in the bot's zone), by a recursive query over each parent's grants in payment order.
 */
public final class JdbiOperatorQueries implements OperatorQueries {

    private static final String COUNTS = """
            WITH RECURSIVE grants AS (
                SELECT parent_id, paid_at,
                       CASE plan WHEN 'MONTH' THEN 1 WHEN 'QUARTER' THEN 3 ELSE 12 END AS months,
                       row_number() OVER (PARTITION BY parent_id ORDER BY paid_at, payment_id) AS n
                  FROM bot.subscription_grants
            ), periods AS (
                SELECT parent_id, n,
                       ((paid_at AT TIME ZONE :zone) + make_interval(months => months)) AT TIME ZONE :zone AS ends_at
                  FROM grants WHERE n = 1
                UNION ALL
                SELECT g.parent_id, g.n,
                       ((greatest(p.ends_at, g.paid_at) AT TIME ZONE :zone) + make_interval(months => g.months))
                           AT TIME ZONE :zone
                  FROM periods p JOIN grants g ON g.parent_id = p.parent_id AND g.n = p.n + 1
            )
            SELECT (SELECT count(*) FROM bot.parents) AS parents,
                   (SELECT count(*) FROM bot.parents WHERE blocked_at IS NOT NULL) AS blocked,
                   (SELECT count(DISTINCT learner_id) FROM bot.parent_learners) AS learners,
                   (SELECT count(DISTINCT parent_id) FROM periods WHERE ends_at > :now) AS active,
                   (SELECT count(*) FROM bot.inbox_updates
                     WHERE received_at >= :dayFrom AND received_at < :dayTo) AS updates_today,
                   (SELECT count(*) FROM bot.outbox_messages
                     WHERE state = 1 AND handled_at >= :dayFrom AND handled_at < :dayTo) AS sent_today,
                   (SELECT count(*) FROM bot.assistant_questions
                     WHERE asked_at >= :dayFrom AND asked_at < :dayTo) AS questions_today,
                   (SELECT count(*) FROM bot.inbox_updates WHERE state = 0) AS inbox_pending,
                   (SELECT count(*) FROM bot.outbox_messages WHERE state = 0) AS outbox_pending,
                   (SELECT count(*) FROM bot.dead_letters) AS quarantined
            """;

    private static final String REVENUE = """
            SELECT provider, currency, count(*) AS payments, sum(amount_minor) AS amount
              FROM bot.payments
             WHERE state = 'PAID' AND paid_at >= :from AND paid_at < :to
             GROUP BY provider, currency
             ORDER BY provider, currency
            """;

    private static final String SUBSCRIPTIONS = """
            SELECT g.payment_id, g.parent_id, g.plan, g.paid_at, p.provider, p.currency,
                   CASE p.currency WHEN 'UZS' THEN round(p.amount_minor / 100.0, 2) ELSE p.amount_minor::numeric END AS amount
              FROM bot.subscription_grants g LEFT JOIN bot.payments p ON p.id = g.payment_id
             WHERE g.paid_at >= :from AND g.paid_at < :to
             ORDER BY g.paid_at, g.payment_id LIMIT :limit
            """;
    private static final String PAYMENTS = """
            SELECT id, parent_id, plan, provider, state, currency,
                   CASE currency WHEN 'UZS' THEN round(amount_minor / 100.0, 2) ELSE amount_minor::numeric END AS amount,
                   provider_tx_id, created_at, paid_at, cancelled_at
              FROM bot.payments
             WHERE created_at >= :from AND created_at < :to
             ORDER BY created_at, id LIMIT :limit
            """;
    private static final String EVENTS = """
            SELECT id, occurred_at, type, actor_id, details::text AS details
              FROM bot.event_log
             WHERE occurred_at >= :from AND occurred_at < :to
             ORDER BY id LIMIT :limit
            """;

    private final Jdbi jdbi;

    public JdbiOperatorQueries(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Statistics statistics(TimeWindow revenue, TimeWindow today, Instant now, ZoneId zone) {
        return Storage.call("read the operators' statistics", () -> jdbi.withHandle(handle -> {
            List<Revenue> sums = handle.createQuery(REVENUE)
                    .bind("from", revenue.from()).bind("to", revenue.to())
                    .map((rs, ctx) -> new Revenue(PaymentProvider.valueOf(rs.getString("provider")),
                            Currency.valueOf(rs.getString("currency")), rs.getLong("payments"),
                            rs.getLong("amount")))
                    .list();
            return handle.createQuery(COUNTS)
                    .bind("zone", zone.getId()).bind("now", now)
                    .bind("dayFrom", today.from()).bind("dayTo", today.to())
                    .map((rs, ctx) -> new Statistics(rs.getLong("parents"), rs.getLong("blocked"),
                            rs.getLong("learners"), rs.getLong("active"), sums, rs.getLong("updates_today"),
                            rs.getLong("sent_today"), rs.getLong("questions_today"), rs.getLong("inbox_pending"),
                            rs.getLong("outbox_pending"), rs.getLong("quarantined")))
                    .one();
        }));
    }

    @Override
    public Table export(ExportKind kind, TimeWindow period, int limit) {
        String sql = switch (kind) {
            case SUBSCRIPTIONS -> SUBSCRIPTIONS;
            case PAYMENTS -> PAYMENTS;
            case EVENTS -> EVENTS;
        };
        List<String> header = columns(kind);
        List<List<Object>> rows = Storage.call("read an export", () -> jdbi.withHandle(handle -> handle
                .createQuery(sql)
                .bind("from", period.from()).bind("to", period.to()).bind("limit", limit)
                .map((rs, ctx) -> {
                    List<Object> row = new ArrayList<>(header.size());
                    for (int column = 1; column <= header.size(); column++) {
                        Object value = rs.getObject(column);
                        row.add(value instanceof java.sql.Timestamp
                                ? rs.getObject(column, OffsetDateTime.class).toInstant() : value);
                    }
                    return row;
                })
                .list()));
        return new Table(header, rows);
    }

    /** The header row: the statements' columns, in order. */
    private static List<String> columns(ExportKind kind) {
        return switch (kind) {
            case SUBSCRIPTIONS -> List.of("payment_id", "parent_id", "plan", "paid_at", "provider", "currency",
                    "amount");
            case PAYMENTS -> List.of("id", "parent_id", "plan", "provider", "state", "currency", "amount",
                    "provider_tx_id", "created_at", "paid_at", "cancelled_at");
            case EVENTS -> List.of("id", "occurred_at", "type", "actor_id", "details");
        };
    }

    @Override
    public List<TelegramUserId> parentsLinkedVia(Email email, int limit) {
        return Storage.call("find parents by guardian e-mail", () -> jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT DISTINCT parent_id FROM bot.parent_learners WHERE via_email = :email
                         ORDER BY parent_id LIMIT :limit
                        """)
                .bind("email", email.value()).bind("limit", limit)
                .map((rs, ctx) -> new TelegramUserId(rs.getLong(1))).list()));
    }
}
