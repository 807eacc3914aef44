package com.example.supportdesk;

import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Subscription;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The families' subscriptions, in memory; a parent who never paid has {@link Subscription#none}. */
final class InMemorySubscriptions implements SubscriptionRepository {

    private final Map<TelegramUserId, Subscription> subscriptions = new ConcurrentHashMap<>();

    @Override
    public Subscription findFor(TelegramUserId parentId) {
        return subscriptions.getOrDefault(parentId, Subscription.none(parentId));
    }

    @Override
    public void save(Subscription subscription) {
        subscriptions.put(subscription.parentId(), subscription);
    }
}
