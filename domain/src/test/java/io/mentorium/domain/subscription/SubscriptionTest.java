package io.mentorium.domain.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SubscriptionTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final Duration GRACE = Duration.ofDays(3);
    private static final SubscriptionTerms TERMS = SubscriptionTerms.ofGraceDays(3, TASHKENT);
    private static final TelegramUserId PARENT = new TelegramUserId(42);

    /** 15:00 in Tashkent; a MONTH bought then ends on 10 April at 15:00 Tashkent (Uzbekistan keeps no DST). */
    private static final Instant PAID_1 = Instant.parse("2026-03-10T10:00:00Z");
    private static final Instant END_1 = Instant.parse("2026-04-10T10:00:00Z");

    private static Grant grant(String id, Plan plan, Instant paidAt) {
        return new Grant(new PaymentId(id), plan, paidAt);
    }

    private static Subscription subscription(Grant... grants) {
        return Subscription.of(PARENT, List.of(grants));
    }

    private static Instant tashkent(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(TASHKENT).toInstant();
    }

    @Nested
    class Status {

        @Test
        void neverPaidIsExpired() {
            Subscription none = Subscription.none(PARENT);

            assertThat(none.statusAt(PAID_1, TERMS)).isEqualTo(SubscriptionStatus.EXPIRED);
            assertThat(none.paidUntil(TERMS)).isEmpty();
            assertThat(none.periods(TERMS)).isEmpty();
            assertThat(none.grants()).isEmpty();
        }

        @Test
        void activeFromTheInstantOfPayment() {
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1));

            assertThat(subscription.statusAt(PAID_1.minusNanos(1), TERMS)).isEqualTo(SubscriptionStatus.EXPIRED);
            assertThat(subscription.statusAt(PAID_1, TERMS)).isEqualTo(SubscriptionStatus.ACTIVE);
        }

        @Test
        void lastNanosecondOfThePaidPeriodIsActive() {
            assertThat(subscription(grant("p1", Plan.MONTH, PAID_1)).statusAt(END_1.minusNanos(1), TERMS))
                    .isEqualTo(SubscriptionStatus.ACTIVE);
        }

        @Test
        void exactlyAtTheEndOfThePaidPeriodGraceBegins() {
            assertThat(subscription(grant("p1", Plan.MONTH, PAID_1)).statusAt(END_1, TERMS))
                    .isEqualTo(SubscriptionStatus.GRACE);
        }

        @Test
        void lastNanosecondOfGraceIsStillGrace() {
            assertThat(subscription(grant("p1", Plan.MONTH, PAID_1)).statusAt(END_1.plus(GRACE).minusNanos(1), TERMS))
                    .isEqualTo(SubscriptionStatus.GRACE);
        }

        @Test
        void exactlyAtTheEndOfGraceTheSubscriptionExpires() {
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1));

            assertThat(subscription.statusAt(END_1.plus(GRACE), TERMS)).isEqualTo(SubscriptionStatus.EXPIRED);
            assertThat(subscription.statusAt(END_1.plus(Duration.ofDays(365)), TERMS))
                    .isEqualTo(SubscriptionStatus.EXPIRED);
        }

        @Test
        void withoutGraceTheEndOfThePaidPeriodIsExpiry() {
            SubscriptionTerms noGrace = SubscriptionTerms.ofGraceDays(0, TASHKENT);
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1));

            assertThat(subscription.statusAt(END_1.minusNanos(1), noGrace)).isEqualTo(SubscriptionStatus.ACTIVE);
            assertThat(subscription.statusAt(END_1, noGrace)).isEqualTo(SubscriptionStatus.EXPIRED);
        }

        @Test
        void negativeGraceIsRejected() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new SubscriptionTerms(Duration.ofDays(-1), TASHKENT));
        }
    }

    @Nested
    class Renewal {

        @Test
        void secondGrantPaidDuringAnActivePeriodStartsWhenTheFirstEnds() {
            Grant first = grant("p1", Plan.MONTH, PAID_1);
            Grant second = grant("p2", Plan.MONTH, tashkent(2026, 4, 1, 12, 0));

            List<PaidPeriod> periods = subscription(first, second).periods(TERMS);

            assertThat(periods).containsExactly(
                    new PaidPeriod(first, PAID_1, END_1),
                    new PaidPeriod(second, END_1, tashkent(2026, 5, 10, 15, 0)));
        }

        @Test
        void threeGrantsPaidEarlyStackEndToEnd() {
            Grant first = grant("p1", Plan.MONTH, PAID_1);
            Grant second = grant("p2", Plan.MONTH, PAID_1.plus(Duration.ofDays(1)));
            Grant third = grant("p3", Plan.QUARTER, PAID_1.plus(Duration.ofDays(2)));
            Subscription subscription = subscription(first, second, third);

            List<PaidPeriod> periods = subscription.periods(TERMS);

            assertThat(periods).containsExactly(
                    new PaidPeriod(first, PAID_1, END_1),
                    new PaidPeriod(second, END_1, tashkent(2026, 5, 10, 15, 0)),
                    new PaidPeriod(third, tashkent(2026, 5, 10, 15, 0), tashkent(2026, 8, 10, 15, 0)));
            assertThat(subscription.paidUntil(TERMS)).contains(tashkent(2026, 8, 10, 15, 0));
            assertThat(subscription.statusAt(tashkent(2026, 8, 10, 14, 59), TERMS)).isEqualTo(SubscriptionStatus.ACTIVE);
            assertThat(subscription.statusAt(tashkent(2026, 8, 10, 15, 0), TERMS)).isEqualTo(SubscriptionStatus.GRACE);
        }

        @Test
        void grantPaidExactlyAtTheEndOfAPeriodStartsThenWithoutGap() {
            Grant first = grant("p1", Plan.MONTH, PAID_1);
            Grant second = grant("p2", Plan.MONTH, END_1);

            assertThat(subscription(first, second).periods(TERMS).get(1).start()).isEqualTo(END_1);
            assertThat(subscription(first, second).statusAt(END_1, TERMS)).isEqualTo(SubscriptionStatus.ACTIVE);
        }

        @Test
        void renewalDuringGraceStartsAtPaymentNotAtTheOldEnd() {
            Instant inGrace = END_1.plus(Duration.ofDays(2));
            Grant second = grant("p2", Plan.MONTH, inGrace);
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1), second);

            assertThat(subscription.periods(TERMS).get(1))
                    .isEqualTo(new PaidPeriod(second, inGrace, tashkent(2026, 5, 12, 15, 0)));
            assertThat(subscription.statusAt(END_1.plus(Duration.ofDays(1)), TERMS)).isEqualTo(SubscriptionStatus.GRACE);
            assertThat(subscription.statusAt(inGrace, TERMS)).isEqualTo(SubscriptionStatus.ACTIVE);
        }

        @Test
        void renewalAfterExpiryStartsAtPayment() {
            Instant muchLater = tashkent(2026, 6, 1, 9, 30);
            Grant second = grant("p2", Plan.MONTH, muchLater);
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1), second);

            assertThat(subscription.periods(TERMS).get(1))
                    .isEqualTo(new PaidPeriod(second, muchLater, tashkent(2026, 7, 1, 9, 30)));
            assertThat(subscription.statusAt(muchLater.minusNanos(1), TERMS)).isEqualTo(SubscriptionStatus.EXPIRED);
            assertThat(subscription.statusAt(muchLater, TERMS)).isEqualTo(SubscriptionStatus.ACTIVE);
        }

        @Test
        void grantsAreOrderedByPaymentInstantWhateverOrderTheyArriveIn() {
            Grant first = grant("zzz", Plan.MONTH, PAID_1);
            Grant second = grant("aaa", Plan.MONTH, PAID_1.plusSeconds(60));
            Subscription subscription = Subscription.none(PARENT);

            subscription.grant(second);
            subscription.grant(first);

            assertThat(subscription.grants()).containsExactly(first, second);
            assertThat(subscription.periods(TERMS).getFirst().grant()).isEqualTo(first);
            assertThat(Subscription.of(PARENT, List.of(second, first))).isEqualTo(subscription);
        }
    }

    @Nested
    class Months {

        @Test
        void monthBoughtOnThirtyFirstJanuaryEndsOnTheLastDayOfFebruary() {
            Instant paid = tashkent(2026, 1, 31, 10, 0);

            assertThat(subscription(grant("p1", Plan.MONTH, paid)).paidUntil(TERMS))
                    .contains(tashkent(2026, 2, 28, 10, 0));
        }

        @Test
        void inALeapYearItEndsOnTheTwentyNinth() {
            Instant paid = tashkent(2028, 1, 31, 10, 0);

            assertThat(subscription(grant("p1", Plan.MONTH, paid)).paidUntil(TERMS))
                    .contains(tashkent(2028, 2, 29, 10, 0));
        }

        @Test
        void monthsAreCountedInTheTermsZoneNotInUtc() {
            // 20:00 UTC on 30 January is already 01:00 on 31 January in Tashkent.
            Instant paid = Instant.parse("2026-01-30T20:00:00Z");
            Subscription subscription = subscription(grant("p1", Plan.MONTH, paid));

            assertThat(subscription.paidUntil(TERMS)).contains(tashkent(2026, 2, 28, 1, 0));
            assertThat(subscription.paidUntil(SubscriptionTerms.ofGraceDays(3, ZoneOffset.UTC)))
                    .contains(Instant.parse("2026-02-28T20:00:00Z"));
        }

        @Test
        void periodStackedAfterAShortMonthKeepsTheShortenedDay() {
            Grant first = grant("p1", Plan.MONTH, tashkent(2026, 1, 31, 10, 0));
            Grant second = grant("p2", Plan.MONTH, tashkent(2026, 2, 1, 10, 0));

            assertThat(subscription(first, second).paidUntil(TERMS)).contains(tashkent(2026, 3, 28, 10, 0));
        }

        @Test
        void quarterAndYearAreThreeAndTwelveMonths() {
            assertThat(subscription(grant("p1", Plan.QUARTER, PAID_1)).paidUntil(TERMS))
                    .contains(tashkent(2026, 6, 10, 15, 0));
            assertThat(subscription(grant("p1", Plan.YEAR, PAID_1)).paidUntil(TERMS))
                    .contains(tashkent(2027, 3, 10, 15, 0));
        }

        @Test
        void monthsKeepTheLocalTimeAcrossDaylightSavingChanges() {
            ZoneId berlin = ZoneId.of("Europe/Berlin");
            Instant paid = LocalDateTime.of(2026, 3, 10, 9, 0).atZone(berlin).toInstant();

            assertThat(Plan.MONTH.endOfPeriodFrom(paid, berlin))
                    .isEqualTo(LocalDateTime.of(2026, 4, 10, 9, 0).atZone(berlin).toInstant());
        }

        @Test
        void planNamesAreReadLeniently() {
            assertThat(Plan.fromName(" quarter ")).contains(Plan.QUARTER);
            assertThat(Plan.fromName("week")).isEmpty();
            assertThat(Plan.fromName(null)).isEmpty();
            assertThat(Plan.YEAR.months()).isEqualTo(12);
        }
    }

    @Nested
    class GrantsAndRefunds {

        @Test
        void revokingAMiddleGrantMovesLaterPeriodsEarlier() {
            Grant first = grant("p1", Plan.MONTH, PAID_1);
            Grant second = grant("p2", Plan.MONTH, PAID_1.plus(Duration.ofDays(1)));
            Grant third = grant("p3", Plan.MONTH, PAID_1.plus(Duration.ofDays(2)));
            Subscription subscription = subscription(first, second, third);

            assertThat(subscription.revoke(second.paymentId())).isTrue();

            assertThat(subscription.periods(TERMS)).containsExactly(
                    new PaidPeriod(first, PAID_1, END_1),
                    new PaidPeriod(third, END_1, tashkent(2026, 5, 10, 15, 0)));
            assertThat(subscription.hasGrant(second.paymentId())).isFalse();
        }

        @Test
        void revokingTheOnlyGrantEndsAccessAtOnce() {
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1));

            subscription.revoke(new PaymentId("p1"));

            assertThat(subscription.statusAt(PAID_1.plus(Duration.ofDays(1)), TERMS))
                    .isEqualTo(SubscriptionStatus.EXPIRED);
        }

        @Test
        void revokingAnUnknownPaymentChangesNothing() {
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1));

            assertThat(subscription.revoke(new PaymentId("other"))).isFalse();
            assertThat(subscription.grants()).hasSize(1);
        }

        @Test
        void grantIsIdempotentPerPaymentId() {
            Subscription subscription = Subscription.none(PARENT);

            assertThat(subscription.grant(grant("p1", Plan.MONTH, PAID_1))).isTrue();
            assertThat(subscription.grant(grant("p1", Plan.MONTH, PAID_1))).isFalse();
            assertThat(subscription.grant(grant("p1", Plan.YEAR, PAID_1.plusSeconds(5)))).isFalse();

            assertThat(subscription.grants()).containsExactly(grant("p1", Plan.MONTH, PAID_1));
            assertThat(subscription.paidUntil(TERMS)).contains(END_1);
            assertThat(subscription.hasGrant(new PaymentId("p1"))).isTrue();
        }

        @Test
        void ofRejectsTheSamePaymentTwice() {
            assertThatIllegalArgumentException().isThrownBy(() -> subscription(
                    grant("p1", Plan.MONTH, PAID_1), grant("p1", Plan.YEAR, PAID_1.plusSeconds(1))));
        }

        @Test
        void grantsHandedOutCannotChangeTheSubscription() {
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1));

            assertThat(subscription.grants()).isUnmodifiable();
        }

        @Test
        void subscriptionsWithTheSameGrantsAreEqual() {
            Subscription one = subscription(grant("p1", Plan.MONTH, PAID_1));
            Subscription other = Subscription.none(PARENT);
            other.grant(grant("p1", Plan.MONTH, PAID_1));

            assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
            assertThat(one).isNotEqualTo(Subscription.none(PARENT));
            assertThat(one).isNotEqualTo(Subscription.of(new TelegramUserId(7), one.grants()));
        }

        @Test
        void paidPeriodMustEndAfterItStartsAndCoversHalfOpen() {
            Grant g = grant("p1", Plan.MONTH, PAID_1);

            assertThatIllegalArgumentException().isThrownBy(() -> new PaidPeriod(g, PAID_1, PAID_1));
            PaidPeriod period = new PaidPeriod(g, PAID_1, END_1);
            assertThat(period.covers(PAID_1)).isTrue();
            assertThat(period.covers(END_1)).isFalse();
        }
    }

    @Nested
    class Access {

        @ParameterizedTest
        @EnumSource(value = Feature.class, names = {"CHILDREN", "PROGRESS_REPORT"})
        void freeFeatureIsGrantedWithoutEndEvenIfNeverPaid(Feature feature) {
            AccessDecision decision = Subscription.none(PARENT).access(feature, PAID_1, TERMS);

            assertThat(decision).isEqualTo(new AccessDecision.Granted(Optional.empty()));
            assertThat(decision.allowed()).isTrue();
        }

        @ParameterizedTest
        @EnumSource(value = Feature.class, names = {"AI_ASSISTANT", "SCHEDULED_REPORTS", "NOTIFICATIONS"})
        void paidFeatureIsDeniedWithoutExpiryWhenNeverPaid(Feature feature) {
            AccessDecision decision = Subscription.none(PARENT).access(feature, PAID_1, TERMS);

            assertThat(decision).isEqualTo(new AccessDecision.Denied(feature, Optional.empty()));
            assertThat(decision.allowed()).isFalse();
        }

        @Test
        void paidFeatureInsideAPaidPeriodIsGrantedUntilItsEnd() {
            AccessDecision decision = subscription(grant("p1", Plan.MONTH, PAID_1))
                    .access(Feature.AI_ASSISTANT, END_1.minusNanos(1), TERMS);

            assertThat(decision).isEqualTo(new AccessDecision.Granted(Optional.of(END_1)));
        }

        @Test
        void grantedUntilIncludesStackedPeriods() {
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1),
                    grant("p2", Plan.MONTH, PAID_1.plus(Duration.ofDays(1))));

            assertThat(subscription.access(Feature.AI_ASSISTANT, PAID_1.plus(Duration.ofDays(2)), TERMS))
                    .isEqualTo(new AccessDecision.Granted(Optional.of(tashkent(2026, 5, 10, 15, 0))));
        }

        @Test
        void grantedUntilStopsAtTheFirstBreakInPaidPeriods() {
            // Seen from inside the first period, a later period bought after a lapse does not extend it.
            Instant afterLapse = tashkent(2026, 6, 1, 9, 30);
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1),
                    grant("p2", Plan.MONTH, afterLapse));

            assertThat(subscription.access(Feature.AI_ASSISTANT, PAID_1.plus(Duration.ofDays(1)), TERMS))
                    .isEqualTo(new AccessDecision.Granted(Optional.of(END_1)));
            assertThat(subscription.access(Feature.AI_ASSISTANT, afterLapse, TERMS))
                    .isEqualTo(new AccessDecision.Granted(Optional.of(tashkent(2026, 7, 1, 9, 30))));
        }

        @Test
        void paidFeatureInGraceIsGrantedWithTheEndOfGrace() {
            Subscription subscription = subscription(grant("p1", Plan.MONTH, PAID_1));

            AccessDecision atEnd = subscription.access(Feature.NOTIFICATIONS, END_1, TERMS);
            AccessDecision lastNano = subscription.access(Feature.NOTIFICATIONS, END_1.plus(GRACE).minusNanos(1), TERMS);

            assertThat(atEnd).isEqualTo(new AccessDecision.GrantedInGrace(END_1.plus(GRACE)));
            assertThat(lastNano).isEqualTo(new AccessDecision.GrantedInGrace(END_1.plus(GRACE)));
            assertThat(atEnd.allowed()).isTrue();
        }

        @Test
        void paidFeatureAfterGraceIsDeniedWithTheEndOfThePaidPeriod() {
            AccessDecision decision = subscription(grant("p1", Plan.MONTH, PAID_1))
                    .access(Feature.SCHEDULED_REPORTS, END_1.plus(GRACE), TERMS);

            assertThat(decision).isEqualTo(new AccessDecision.Denied(Feature.SCHEDULED_REPORTS, Optional.of(END_1)));
            assertThat(decision.allowed()).isFalse();
        }

        @Test
        void freeFeatureStaysGrantedAfterExpiry() {
            assertThat(subscription(grant("p1", Plan.MONTH, PAID_1))
                    .access(Feature.PROGRESS_REPORT, END_1.plus(Duration.ofDays(100)), TERMS))
                    .isEqualTo(new AccessDecision.Granted(Optional.empty()));
        }
    }
}
