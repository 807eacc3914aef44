package io.mentorium.application.testing;

import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemorySubscriptionRepository implements SubscriptionRepository {

    private final Map<TelegramUserId, List<Grant>> grants = new ConcurrentHashMap<>();

    @Override
    public Subscription findFor(TelegramUserId parentId) {
        return Subscription.of(parentId, grants.getOrDefault(parentId, List.of()));
    }

    @Override
    public void save(Subscription subscription) {
        grants.put(subscription.parentId(), List.copyOf(subscription.grants()));
    }
}
