package io.mentorium.application.billing;

import static io.mentorium.application.billing.BillingRig.AZIZ;
import static io.mentorium.application.billing.BillingRig.FATHER;
import static io.mentorium.application.billing.BillingRig.MOTHER;
import static io.mentorium.application.billing.BillingRig.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.config.Environment;
import io.mentorium.application.port.in.ViewSubscription.State;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import io.mentorium.domain.subscription.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionFeatureAccessTest {

    private final BillingRig rig = new BillingRig();

    /** The mother paid a month at NOW; it ends a calendar month later in Tashkent. */
    private Instant paidMonth() {
        rig.order("order-1", Plan.MONTH, PaymentProvider.STARS);
        rig.settle.settle(new PaymentId("order-1"), "charge-1", NOW);
        return Plan.MONTH.endOfPeriodFrom(NOW, BillingRig.TASHKENT);
    }

    @Test
    void freeFeaturesAreAlwaysGranted() {
        rig.parent(MOTHER, Language.RU, ParentRole.PARENT);

        assertThat(rig.access(0).decide(MOTHER, Feature.PROGRESS_REPORT, NOW))
                .isEqualTo(new AccessDecision.Granted(Optional.empty()));
    }

    @Test
    void graceBoundariesActiveUntilTheEndThenGraceForThreeDaysThenDenied() {
        rig.parent(MOTHER, Language.RU, ParentRole.PARENT);
        Instant end = paidMonth();
        Instant graceEnd = end.plus(Duration.ofDays(3));
        SubscriptionFeatureAccess access = rig.access(0);

        assertThat(access.decide(MOTHER, Feature.AI_ASSISTANT, end.minusMillis(1)))
                .isEqualTo(new AccessDecision.Granted(Optional.of(end)));
        assertThat(access.decide(MOTHER, Feature.AI_ASSISTANT, end))
                .isEqualTo(new AccessDecision.GrantedInGrace(graceEnd));
        assertThat(access.decide(MOTHER, Feature.AI_ASSISTANT, graceEnd.minusMillis(1)))
                .isEqualTo(new AccessDecision.GrantedInGrace(graceEnd));
        assertThat(access.decide(MOTHER, Feature.AI_ASSISTANT, graceEnd))
                .isEqualTo(new AccessDecision.Denied(Feature.AI_ASSISTANT, Optional.of(end)));
        assertThat(access.standing(MOTHER, end.minusMillis(1)).state()).isEqualTo(State.ACTIVE);
        assertThat(access.standing(MOTHER, end)).isEqualTo(
                new SubscriptionFeatureAccess.Standing(State.GRACE, Optional.of(graceEnd)));
        assertThat(access.standing(MOTHER, graceEnd)).isEqualTo(
                new SubscriptionFeatureAccess.Standing(State.EXPIRED, Optional.of(end)));
    }

    @Test
    void readingAheadReadsTheSubscriptionsAndTheTrialsOfOnlyThoseWithoutAPaidPeriod() {
        rig.parent(MOTHER, Language.RU, ParentRole.PARENT, AZIZ);
        rig.parent(FATHER, Language.UZ, ParentRole.PARENT, AZIZ);
        Instant end = paidMonth();
        SubscriptionFeatureAccess access = rig.access(7);

        access.readAhead(List.of(MOTHER, FATHER), Feature.AI_ASSISTANT, NOW);
        access.readAhead(List.of(MOTHER), Feature.AI_ASSISTANT, NOW);
        access.readAhead(List.of(MOTHER, FATHER), Feature.PROGRESS_REPORT, NOW);
        access.readAhead(List.of(MOTHER), Feature.AI_ASSISTANT, end);

        assertThat(rig.subscriptions.readAheads()).as("a free feature reads nothing")
                .containsExactly(List.of(MOTHER, FATHER), List.of(MOTHER), List.of(MOTHER));
        assertThat(rig.trials.readAheads()).as("in grace, the trial may still cover her")
                .containsExactly(List.of(FATHER), List.of(MOTHER));
    }

    @Test
    void decidingForManyParentsAtOnceAgreesWithDecidingOneByOne() {
        rig.parent(MOTHER, Language.RU, ParentRole.PARENT, AZIZ);
        rig.parent(FATHER, Language.UZ, ParentRole.PARENT, AZIZ);
        TelegramUserId childless = new TelegramUserId(4242);
        rig.parent(childless, Language.EN, ParentRole.PARENT);
        Instant end = paidMonth();
        SubscriptionFeatureAccess access = rig.access(7);

        for (Instant at : List.of(NOW, end, end.plus(Duration.ofDays(3)))) {
            Map<TelegramUserId, AccessDecision> all = access.decideAll(List.of(MOTHER, FATHER, childless),
                    Feature.SCHEDULED_REPORTS, at);
            assertThat(all).containsOnlyKeys(MOTHER, FATHER, childless);
            for (TelegramUserId parent : List.of(MOTHER, FATHER, childless)) {
                assertThat(all.get(parent)).as(parent + " at " + at)
                        .isEqualTo(access.decide(parent, Feature.SCHEDULED_REPORTS, at));
            }
        }
        assertThat(rig.trials.find(FATHER)).as("decided while deciding for the page").isPresent();
        assertThat(access.decideAll(List.of(childless), Feature.PROGRESS_REPORT, NOW).get(childless).allowed())
                .isTrue();
    }

    @Test
    void aNewFamilyGetsATrialOnceTheParentHasLinkedAChild() {
        rig.parent(MOTHER, Language.RU, ParentRole.PARENT, AZIZ);
        SubscriptionFeatureAccess access = rig.access(7);
        Instant trialEnd = NOW.plus(Duration.ofDays(7));

        assertThat(access.decide(MOTHER, Feature.AI_ASSISTANT, NOW))
                .isEqualTo(new AccessDecision.Granted(Optional.of(trialEnd)));
        assertThat(access.decide(MOTHER, Feature.SCHEDULED_REPORTS, trialEnd.minusMillis(1)).allowed()).isTrue();
        assertThat(access.standing(MOTHER, NOW.plusSeconds(60))).isEqualTo(
                new SubscriptionFeatureAccess.Standing(State.TRIAL, Optional.of(trialEnd)));
        assertThat(access.decide(MOTHER, Feature.AI_ASSISTANT, trialEnd))
                .as("a trial has no grace period")
                .isEqualTo(new AccessDecision.Denied(Feature.AI_ASSISTANT, Optional.empty()));
        assertThat(access.standing(MOTHER, trialEnd)).isEqualTo(
                new SubscriptionFeatureAccess.Standing(State.EXPIRED, Optional.of(trialEnd)));
        assertThat(rig.events.ofType("trial.started")).hasSize(1);
    }

    @Test
    void theSecondParentOfTheSameChildGetsNoTrial() {
        rig.parent(MOTHER, Language.RU, ParentRole.PARENT, AZIZ);
        rig.parent(FATHER, Language.UZ, ParentRole.PARENT, new LearnerId("L-2"), AZIZ);
        SubscriptionFeatureAccess access = rig.access(7);
        access.decide(MOTHER, Feature.AI_ASSISTANT, NOW);

        assertThat(access.decide(FATHER, Feature.AI_ASSISTANT, NOW.plusSeconds(60)).allowed()).isFalse();
        assertThat(access.standing(FATHER, NOW.plusSeconds(60)).state()).isEqualTo(State.NEVER);
        assertThat(rig.events.ofType("trial.refused")).hasSize(1);
    }

    @Test
    void aParentWithoutChildrenDoesNotUseUpTheTrialYet() {
        rig.parent(MOTHER, Language.RU, ParentRole.PARENT);
        SubscriptionFeatureAccess access = rig.access(7);

        assertThat(access.decide(MOTHER, Feature.AI_ASSISTANT, NOW).allowed()).isFalse();
        assertThat(rig.trials.find(MOTHER)).isEmpty();

        rig.parent(MOTHER, Language.RU, ParentRole.PARENT, AZIZ);
        assertThat(access.decide(MOTHER, Feature.AI_ASSISTANT, NOW.plusSeconds(60)).allowed()).isTrue();
    }

    @Test
    void noTrialWhenTrialDaysIsZero() {
        rig.parent(MOTHER, Language.RU, ParentRole.PARENT, AZIZ);
        SubscriptionFeatureAccess access = rig.access(0);

        assertThat(access.decide(MOTHER, Feature.AI_ASSISTANT, NOW).allowed()).isFalse();
        assertThat(access.standing(MOTHER, NOW).state()).isEqualTo(State.NEVER);
        assertThat(rig.trials.find(MOTHER)).isEmpty();
    }

    @Test
    void payingDuringTheTrialStartsThePaidPeriodAtOnce() {
        rig.parent(MOTHER, Language.RU, ParentRole.PARENT, AZIZ);
        SubscriptionFeatureAccess access = rig.access(7);
        access.decide(MOTHER, Feature.AI_ASSISTANT, NOW);
        Instant end = paidMonth();

        assertThat(access.standing(MOTHER, NOW.plusSeconds(60))).isEqualTo(
                new SubscriptionFeatureAccess.Standing(State.ACTIVE, Optional.of(end)));
    }

    @Test
    void trialDaysComeFromTheEnvironmentAndAreChecked() {
        assertThat(BillingSettings.from(new Environment(Map.of())).trialDays()).isEqualTo(7);
        assertThat(BillingSettings.from(new Environment(Map.of("TRIAL_DAYS", "0"))).trialDays()).isZero();
        Environment wrong = new Environment(Map.of("TRIAL_DAYS", "-1"));
        BillingSettings.from(wrong);
        assertThat(wrong.problems()).singleElement().satisfies(problem ->
                assertThat(problem.toString()).contains("TRIAL_DAYS"));
    }
}
