package io.mentorium.application.port.out;

import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Subscription;

public interface SubscriptionRepository {

    /** The parent's subscription; {@link Subscription#none} when they never paid. */
    Subscription findFor(TelegramUserId parentId);

    /** Stores the subscription's grants exactly as they are (added and revoked ones). */
    void save(Subscription subscription);
}
