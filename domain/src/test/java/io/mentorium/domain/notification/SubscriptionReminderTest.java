package io.mentorium.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.domain.subscription.Subscription;
import io.mentorium.domain.subscription.SubscriptionTerms;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionReminderTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final SubscriptionTerms TERMS = SubscriptionTerms.ofGraceDays(3, TASHKENT);
    private static final Instant PAID = Instant.parse("2025-03-01T07:00:00Z");
    /** A month from 1 March 12:00 in Tashkent. */
    private static final Instant END = Instant.parse("2025-04-01T07:00:00Z");

    private static Subscription paidOnce() {
        return Subscription.of(new TelegramUserId(1), List.of(new Grant(new PaymentId("p-1"), Plan.MONTH, PAID)));
    }

    private static Optional<SubscriptionReminder> at(Subscription subscription, Instant now) {
        return SubscriptionReminder.due(subscription, TERMS, now);
    }

    @Test
    void nothing_for_a_parent_who_never_paid_or_long_before_the_end() {
        assertThat(at(Subscription.none(new TelegramUserId(1)), END)).isEmpty();
        assertThat(at(paidOnce(), END.minus(Duration.ofDays(4)))).isEmpty();
    }

    @Test
    void ends_soon_then_ended_then_grace_ending_then_nothing_each_keyed_by_the_period_end() {
        assertThat(at(paidOnce(), END.minus(Duration.ofDays(3)))).contains(new SubscriptionReminder.EndsSoon(END));
        assertThat(at(paidOnce(), END.minusSeconds(1))).contains(new SubscriptionReminder.EndsSoon(END));
        Instant graceEnd = END.plus(Duration.ofDays(3));
        assertThat(at(paidOnce(), END)).contains(new SubscriptionReminder.Ended(END, graceEnd));
        assertThat(at(paidOnce(), graceEnd.minus(Duration.ofHours(25))))
                .contains(new SubscriptionReminder.Ended(END, graceEnd));
        assertThat(at(paidOnce(), graceEnd.minus(Duration.ofHours(5))))
                .contains(new SubscriptionReminder.GraceEnding(END, graceEnd));
        assertThat(at(paidOnce(), graceEnd)).isEmpty();
        assertThat(new SubscriptionReminder.EndsSoon(END).eventKey())
                .isNotEqualTo(new SubscriptionReminder.Ended(END, graceEnd).eventKey());
    }

    @Test
    void renewing_moves_the_end_so_the_next_periods_reminders_are_new_events() {
        Subscription renewed = paidOnce();
        renewed.grant(new Grant(new PaymentId("p-2"), Plan.MONTH, END.minus(Duration.ofDays(2))));

        assertThat(at(renewed, END.minus(Duration.ofDays(2)).plusSeconds(60))).isEmpty();
        Instant newEnd = Instant.parse("2025-05-01T07:00:00Z");
        assertThat(at(renewed, newEnd.minus(Duration.ofDays(1))))
                .contains(new SubscriptionReminder.EndsSoon(newEnd));
    }

    @Test
    void without_grace_the_end_is_still_told_within_a_day() {
        SubscriptionTerms noGrace = SubscriptionTerms.ofGraceDays(0, TASHKENT);
        assertThat(SubscriptionReminder.due(paidOnce(), noGrace, END.plusSeconds(3600)))
                .contains(new SubscriptionReminder.Ended(END, END));
        assertThat(SubscriptionReminder.due(paidOnce(), noGrace, END.plus(Duration.ofDays(2)))).isEmpty();
    }
}
