package io.mentorium.domain.notification;

import java.time.Instant;

/** Whether and when a notification may reach a parent. */
public sealed interface DeliveryDecision {

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
