package io.mentorium.application.port.out;

import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place paid features ask "may this parent use it now?". Billing decides from the domain's
 * {@code Subscription}; until billing is switched on, everything is granted.
 */
public interface FeatureAccess {

    AccessDecision decide(TelegramUserId parentId, Feature feature, Instant at);

    /**
     * A hint: these parents' access to {@code feature} is about to be {@link #decide decided} in the transaction under
     * way, at {@code at} or a moment later; what the decisions read may be read for all of them now. Does nothing by
     * default.
     */
    default void readAhead(Collection<TelegramUserId> parentIds, Feature feature, Instant at) {
    }

    /**
     * The same decision for many parents (a page of a scheduled run), every given parent a key; an implementation
     * reads what it needs for all of them at once rather than a query per parent.
     */
    default Map<TelegramUserId, AccessDecision> decideAll(Collection<TelegramUserId> parentIds, Feature feature,
                                                          Instant at) {
        Map<TelegramUserId, AccessDecision> decisions = new LinkedHashMap<>();
        parentIds.forEach(parentId -> decisions.put(parentId, decide(parentId, feature, at)));
        return decisions;
    }
}
