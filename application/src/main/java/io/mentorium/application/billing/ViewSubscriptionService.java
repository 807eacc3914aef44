package io.mentorium.application.billing;

import io.mentorium.application.port.in.ViewSubscription;
import io.mentorium.application.port.out.CheckoutLinks;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Feature;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The subscription screen's data: the access gate's standing and the providers switched on. */
public final class ViewSubscriptionService implements ViewSubscription {

    private final SubscriptionFeatureAccess access;
    private final CheckoutLinks links;

    public ViewSubscriptionService(SubscriptionFeatureAccess access, CheckoutLinks links) {
        this.access = Objects.requireNonNull(access, "access");
        this.links = Objects.requireNonNull(links, "links");
    }

    @Override
    public Overview view(TelegramUserId parentId, Instant at) {
        SubscriptionFeatureAccess.Standing standing = access.standing(parentId, at);
        List<PaymentProvider> providers = List.copyOf(links.enabled());
        return new Overview(standing.state(), standing.until(), providers);
    }

    /** The standing reads the assistant's access decision reads: the subscriptions, then the trials of the unpaid. */
    @Override
    public void readAhead(Collection<TelegramUserId> parentIds, Instant at) {
        access.readAhead(parentIds, Feature.AI_ASSISTANT, at);
    }
}
