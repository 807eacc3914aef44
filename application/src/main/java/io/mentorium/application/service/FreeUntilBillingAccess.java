package io.mentorium.application.service;

import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import java.time.Instant;
import java.util.Optional;

/**
 * Every feature granted: the access decision until billing is switched on. Paid features already ask through
 * {@link FeatureAccess}, so billing replaces this one binding with the decision of the domain's {@code Subscription}.
 */
public final class FreeUntilBillingAccess implements FeatureAccess {

    @Override
    public AccessDecision decide(TelegramUserId parentId, Feature feature, Instant at) {
        return new AccessDecision.Granted(Optional.empty());
    }
}
