package io.mentorium.application.testing;

import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Subscription;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

public final class InMemorySubscriptionRepository implements SubscriptionRepository {

    private final Map<TelegramUserId, List<Grant>> grants = new ConcurrentHashMap<>();
    private final List<List<TelegramUserId>> readAheads = new CopyOnWriteArrayList<>();

    @Override
    public Subscription findFor(TelegramUserId parentId) {
        return Subscription.of(parentId, grants.getOrDefault(parentId, List.of()));
    }

    /** Records the hint and answers what it "read", as an adapter that reads ahead does. */
    @Override
    public Map<TelegramUserId, Subscription> readAhead(Collection<TelegramUserId> parentIds) {
        readAheads.add(List.copyOf(parentIds));
        return findForAll(parentIds);
    }

    /** The parents {@link #readAhead} was given, call by call. */
    public List<List<TelegramUserId>> readAheads() {
        return List.copyOf(readAheads);
    }

    @Override
    public void save(Subscription subscription) {
        grants.put(subscription.parentId(), List.copyOf(subscription.grants()));
    }
}
