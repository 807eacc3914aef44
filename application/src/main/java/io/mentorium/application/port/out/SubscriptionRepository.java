package io.mentorium.application.port.out;

import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Subscription;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

public interface SubscriptionRepository {

    /** The parent's subscription; {@link Subscription#none} when they never paid. */
    Subscription findFor(TelegramUserId parentId);

    /**
     * Like {@link #findFor}, and keeps other transactions from changing this parent's subscription until the caller's
     * transaction ends: {@link #save} replaces all grants, so two payments of one parent settled at once would
     * otherwise each save the grants they read and one would be lost.
     */
    default Subscription findForUpdate(TelegramUserId parentId) {
        return findFor(parentId);
    }

    /**
     * The subscriptions of many parents at once (a scheduled run asks for a page of parents): every given parent is a
     * key, {@link Subscription#none} for those who never paid. Adapters answer with one query.
     */
    default Map<TelegramUserId, Subscription> findForAll(Collection<TelegramUserId> parentIds) {
        Map<TelegramUserId, Subscription> found = new LinkedHashMap<>();
        parentIds.forEach(parentId -> found.put(parentId, findFor(parentId)));
        return found;
    }

    /**
     * A hint: these parents' subscriptions are about to be {@link #findFor found} in the transaction under way, so an
     * adapter may read them all now with one query and serve them from that read until the transaction writes them.
     * Answers what it read, every given parent a key; nothing when it read nothing ahead (the default).
     */
    default Map<TelegramUserId, Subscription> readAhead(Collection<TelegramUserId> parentIds) {
        return Map.of();
    }

    /** Stores the subscription's grants exactly as they are (added and revoked ones). */
    void save(Subscription subscription);
}
