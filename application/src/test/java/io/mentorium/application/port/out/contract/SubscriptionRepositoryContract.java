package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.domain.subscription.Subscription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SubscriptionRepository} must do. */
public abstract class SubscriptionRepositoryContract {

    private static final TelegramUserId PARENT = parentId(601);
    private static final TelegramUserId OTHER = parentId(602);

    protected SubscriptionRepository subscriptions;

    protected abstract SubscriptionRepository emptyRepository();

    @BeforeEach
    final void startEmpty() {
        subscriptions = emptyRepository();
    }

    @Test
    void a_parent_who_never_paid_has_an_empty_subscription() {
        Subscription found = subscriptions.findFor(PARENT);

        assertThat(found).isEqualTo(Subscription.none(PARENT));
        assertThat(found.parentId()).isEqualTo(PARENT);
        assertThat(found.grants()).isEmpty();
    }

    @Test
    void the_locking_lookup_finds_what_the_plain_one_finds() {
        Subscription subscription = Subscription.none(PARENT);
        subscription.grant(new Grant(new PaymentId("pay-1"), Plan.MONTH, minutes(1)));
        subscriptions.save(subscription);

        assertThat(subscriptions.findForUpdate(PARENT)).isEqualTo(subscription);
        assertThat(subscriptions.findForUpdate(OTHER)).isEqualTo(Subscription.none(OTHER));
    }

    @Test
    void many_parents_are_found_at_once_each_with_their_own_grants() {
        Subscription paid = Subscription.none(PARENT);
        paid.grant(new Grant(new PaymentId("pay-7"), Plan.YEAR, minutes(5)));
        paid.grant(new Grant(new PaymentId("pay-6"), Plan.MONTH, minutes(1)));
        subscriptions.save(paid);

        Map<TelegramUserId, Subscription> found = subscriptions.findForAll(List.of(OTHER, PARENT));

        assertThat(found).containsOnlyKeys(OTHER, PARENT);
        assertThat(found.get(PARENT)).isEqualTo(paid);
        assertThat(found.get(PARENT).grants()).containsExactlyElementsOf(subscriptions.findFor(PARENT).grants());
        assertThat(found.get(OTHER)).isEqualTo(Subscription.none(OTHER));
        assertThat(subscriptions.findForAll(List.of())).isEmpty();
    }

    @Test
    void grants_round_trip_with_every_field() {
        Subscription subscription = Subscription.none(PARENT);
        subscription.grant(new Grant(new PaymentId("pay-2"), Plan.YEAR, minutes(60)));
        subscription.grant(new Grant(new PaymentId("pay-1"), Plan.MONTH, minutes(1)));
        subscription.grant(new Grant(new PaymentId("pay-3"), Plan.QUARTER, minutes(60)));

        subscriptions.save(subscription);

        Subscription loaded = subscriptions.findFor(PARENT);
        assertThat(loaded).isEqualTo(subscription);
        assertThat(loaded.grants()).containsExactlyElementsOf(subscription.grants());
    }

    @Test
    void a_revoked_grant_is_gone_after_saving() {
        Subscription subscription = Subscription.of(PARENT, List.of(
                new Grant(new PaymentId("keep"), Plan.MONTH, minutes(1)),
                new Grant(new PaymentId("refunded"), Plan.YEAR, minutes(2))));
        subscriptions.save(subscription);

        subscription.revoke(new PaymentId("refunded"));
        subscriptions.save(subscription);

        assertThat(subscriptions.findFor(PARENT).grants())
                .containsExactly(new Grant(new PaymentId("keep"), Plan.MONTH, minutes(1)));
    }

    @Test
    void revoking_every_grant_leaves_an_empty_subscription() {
        Subscription subscription = Subscription.of(PARENT, List.of(new Grant(new PaymentId("only"), Plan.MONTH, minutes(1))));
        subscriptions.save(subscription);

        subscription.revoke(new PaymentId("only"));
        subscriptions.save(subscription);

        assertThat(subscriptions.findFor(PARENT)).isEqualTo(Subscription.none(PARENT));
    }

    @Test
    void grants_added_later_are_kept_alongside_earlier_ones() {
        subscriptions.save(Subscription.of(PARENT, List.of(new Grant(new PaymentId("first"), Plan.MONTH, minutes(1)))));

        Subscription loaded = subscriptions.findFor(PARENT);
        loaded.grant(new Grant(new PaymentId("second"), Plan.QUARTER, minutes(50)));
        subscriptions.save(loaded);

        assertThat(subscriptions.findFor(PARENT).grants()).extracting(grant -> grant.paymentId().value())
                .containsExactly("first", "second");
    }

    @Test
    void one_parents_subscription_does_not_touch_another() {
        subscriptions.save(Subscription.of(PARENT, List.of(new Grant(new PaymentId("mine"), Plan.MONTH, minutes(1)))));
        subscriptions.save(Subscription.of(OTHER, List.of(new Grant(new PaymentId("theirs"), Plan.YEAR, minutes(2)))));

        subscriptions.save(Subscription.none(OTHER));

        assertThat(subscriptions.findFor(PARENT).grants()).extracting(grant -> grant.paymentId().value())
                .containsExactly("mine");
        assertThat(subscriptions.findFor(OTHER).grants()).isEmpty();
    }
}
