package io.mentorium.application.port.out;

import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Set-based reads over the bot's database for its operators: a handful of statements whatever the number of parents,
 * never a loop over rows.
 */
public interface OperatorQueries {

    /**
     * @param revenue  the period whose paid payments are summed
     * @param today    the bot's current day, for the "today" counts
     * @param now      what "active" is measured against
     * @param zone     the zone in which paid months are counted (as {@code Subscription} counts them)
     */
    Statistics statistics(TimeWindow revenue, TimeWindow today, Instant now, ZoneId zone);

    /** The parents who linked a child through this guardian e-mail, in id order, at most {@code limit}. */
    List<TelegramUserId> parentsLinkedVia(Email email, int limit);

    /**
     * Rows for an export, oldest first, at most {@code limit}: cells are strings, numbers, instants or nulls.
     */
    Table export(ExportKind kind, TimeWindow period, int limit);

    enum ExportKind {
        /** Paid periods granted (one row per grant, with its payment), by when they were paid. */
        SUBSCRIPTIONS,
        /** Orders of every state, by when they were created. */
        PAYMENTS,
        /** The business event log, by when the events happened. */
        EVENTS
    }

    record Table(List<String> header, List<List<Object>> rows) {

        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(row -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(row)))
                    .toList();
        }
    }

    record Revenue(PaymentProvider provider, Currency currency, long payments, long amountMinor) {

        public Revenue {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(currency, "currency");
        }
    }

    /**
     * @param linkedLearners  distinct learners linked by at least one parent
     * @param activeSubscriptions parents whose paid period runs at {@code now} (grace and trials not counted)
     * @param updatesToday    updates received from Telegram today
     * @param sentToday       messages the bot sent today
     * @param questionsToday  questions asked of the assistant today
     * @param inboxPending    updates received and not yet handled
     * @param outboxPending   messages waiting to be sent (including those deferred past quiet hours)
     * @param quarantined     updates set aside as dead letters
     */
    record Statistics(long parents, long blockedParents, long linkedLearners, long activeSubscriptions,
                      List<Revenue> revenue, long updatesToday, long sentToday, long questionsToday,
                      long inboxPending, long outboxPending, long quarantined) {

        public Statistics {
            revenue = List.copyOf(revenue);
        }
    }
}
