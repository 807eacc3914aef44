package io.mentorium.domain.notification;

import java.time.Instant;
import java.util.Optional;

/** Whether and when a notification may reach a parent. */
public sealed interface DeliveryDecision {

    /**
     * When the message may be sent, decided at {@code now}: now, the end of the quiet hours (deferred, never
     * dropped), or empty when it must not be sent at all.
     */
    default Optional<Instant> sendAt(Instant now) {
        return switch (this) {
            case DeliverNow deliverNow -> Optional.of(now);
            case DeferUntil defer -> Optional.of(defer.at());
            case Suppress suppress -> Optional.empty();
        };
    }

    record DeliverNow() implements DeliveryDecision {
    }

    /** Inside quiet hours: deliver at {@code at}, the end of the quiet hours. */
    record DeferUntil(Instant at) implements DeliveryDecision {
    }

    record Suppress(Reason reason) implements DeliveryDecision {
    }

    enum Reason {
        /** The parent blocked the bot: sending would only earn a 403. */
        UNREACHABLE,
        /** The parent switched this kind off. */
        OPTED_OUT
    }
}
