package io.mentorium.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.domain.notification.DeliveryDecision.DeferUntil;
import io.mentorium.domain.notification.DeliveryDecision.DeliverNow;
import io.mentorium.domain.notification.DeliveryDecision.Reason;
import io.mentorium.domain.notification.DeliveryDecision.Suppress;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryPolicyTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final NotificationPreferences DEFAULTS = NotificationPreferences.defaults();
    private static final Instant NOON = at(3, 4, 12, 0);
    private static final Instant LATE_EVENING = at(3, 4, 23, 0);
    private static final Instant NEXT_MORNING = at(3, 5, 8, 0);

    private static Instant at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute).atZone(TASHKENT).toInstant();
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void enabledKindOutsideQuietHoursIsDeliveredNow(NotificationKind kind) {
        assertThat(DeliveryPolicy.decide(DEFAULTS, true, kind, NOON, TASHKENT)).isEqualTo(new DeliverNow());
    }

    @Test
    void disabledKindIsSuppressedAsOptedOut() {
        NotificationPreferences noAchievements = DEFAULTS.withKind(NotificationKind.ACHIEVEMENT, false);

        assertThat(DeliveryPolicy.decide(noAchievements, true, NotificationKind.ACHIEVEMENT, NOON, TASHKENT))
                .isEqualTo(new Suppress(Reason.OPTED_OUT));
        assertThat(DeliveryPolicy.decide(noAchievements, true, NotificationKind.MISSED_DAYS, NOON, TASHKENT))
                .isEqualTo(new DeliverNow());
    }

    @Test
    void disabledKindIsSuppressedRatherThanDeferredInQuietHours() {
        NotificationPreferences noReminders = DEFAULTS.withKind(NotificationKind.REMINDER, false);

        assertThat(DeliveryPolicy.decide(noReminders, true, NotificationKind.REMINDER, LATE_EVENING, TASHKENT))
                .isEqualTo(new Suppress(Reason.OPTED_OUT));
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void unreachableParentIsSuppressedForEveryKindEvenSystem(NotificationKind kind) {
        assertThat(DeliveryPolicy.decide(DEFAULTS, false, kind, NOON, TASHKENT))
                .isEqualTo(new Suppress(Reason.UNREACHABLE));
    }

    @Test
    void unreachableWinsOverOptedOut() {
        NotificationPreferences noAchievements = DEFAULTS.withKind(NotificationKind.ACHIEVEMENT, false);

        assertThat(DeliveryPolicy.decide(noAchievements, false, NotificationKind.ACHIEVEMENT, NOON, TASHKENT))
                .isEqualTo(new Suppress(Reason.UNREACHABLE));
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void insideQuietHoursDeliveryIsDeferredToTheirEnd(NotificationKind kind) {
        assertThat(DeliveryPolicy.decide(DEFAULTS, true, kind, LATE_EVENING, TASHKENT))
                .isEqualTo(new DeferUntil(NEXT_MORNING));
    }

    @Test
    void afterMidnightDeliveryIsDeferredToTheSameMorning() {
        assertThat(DeliveryPolicy.decide(DEFAULTS, true, NotificationKind.MISSED_DAYS, at(3, 5, 3, 0), TASHKENT))
                .isEqualTo(new DeferUntil(NEXT_MORNING));
    }

    @Test
    void atTheEndOfQuietHoursDeliveryIsImmediate() {
        assertThat(DeliveryPolicy.decide(DEFAULTS, true, NotificationKind.MISSED_DAYS, NEXT_MORNING, TASHKENT))
                .isEqualTo(new DeliverNow());
        assertThat(DeliveryPolicy.decide(DEFAULTS, true, NotificationKind.MISSED_DAYS, at(3, 4, 21, 59), TASHKENT))
                .isEqualTo(new DeliverNow());
    }

    @Test
    void withoutQuietHoursNightIsFine() {
        NotificationPreferences anyHour = DEFAULTS.withQuietHours(Optional.empty());

        assertThat(DeliveryPolicy.decide(anyHour, true, NotificationKind.ACHIEVEMENT, at(3, 5, 3, 0), TASHKENT))
                .isEqualTo(new DeliverNow());
    }

    @Test
    void quietHoursAreReadInTheParentsZone() {
        // 23:00 in Tashkent is 18:00 in London.
        assertThat(DeliveryPolicy.decide(DEFAULTS, true, NotificationKind.ACHIEVEMENT, LATE_EVENING,
                ZoneId.of("Europe/London"))).isEqualTo(new DeliverNow());
    }

    @Test
    void aDecisionSaysWhenToSend() {
        assertThat(new DeliverNow().sendAt(NOON)).contains(NOON);
        assertThat(new DeferUntil(NEXT_MORNING).sendAt(LATE_EVENING)).contains(NEXT_MORNING);
        assertThat(new Suppress(Reason.OPTED_OUT).sendAt(NOON)).isEmpty();
    }
}
