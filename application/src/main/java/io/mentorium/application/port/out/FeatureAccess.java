package io.mentorium.application.port.out;

import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import java.time.Instant;

/**
 * The one place paid features ask "may this parent use it now?". Billing decides from the domain's
 * {@code Subscription}; until billing is switched on, everything is granted.
 */
public interface FeatureAccess {

    AccessDecision decide(TelegramUserId parentId, Feature feature, Instant at);
}
