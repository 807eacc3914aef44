package io.mentorium.application.port.in;

import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the "Subscription" screen shows: where the parent stands, and how they may pay. */
public interface ViewSubscription {

    Overview view(TelegramUserId parentId, Instant at);

    /**
     * The screen is about to be shown to these parents, in one transaction: what {@link #view} reads may be read for
     * all of them at once now. Does nothing by default.
     */
    default void readAhead(Collection<TelegramUserId> parentIds, Instant at) {
    }

    /**
     * @param until     when the state ends: the end of the paid run (ACTIVE), of the trial (TRIAL), of the grace
     *                  period (GRACE), or when access lapsed (EXPIRED; empty if the parent never had any)
     * @param providers the providers a parent may choose, in the order to offer them
     */
    record Overview(State state, Optional<Instant> until, List<PaymentProvider> providers) {

        public Overview {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(until, "until");
            providers = List.copyOf(providers);
        }
    }

    enum State {
        ACTIVE,
        TRIAL,
        GRACE,
        EXPIRED,
        NEVER
    }
}
