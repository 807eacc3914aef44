package io.mentorium.application.port.in;

import java.util.Objects;

/**
 * An update received from the messaging channel, identified by the channel's own increasing id (Telegram's
 * {@code update_id}), which is what makes storing it idempotent.
 */
public record InboundUpdate(long updateId, ChatInput input) {

    public InboundUpdate {
        Objects.requireNonNull(input, "input");
    }
}
