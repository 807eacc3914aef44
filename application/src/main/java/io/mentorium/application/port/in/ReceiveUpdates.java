package io.mentorium.application.port.in;

import java.util.List;

/**
 * Takes updates from the channel. When {@link #receive} returns, the updates are durable: the channel may confirm them
 * (Telegram forgets confirmed updates). Each is then processed exactly once, in order within its chat.
 */
public interface ReceiveUpdates {

    /**
     * Stores the batch (updates seen before are ignored) and schedules the new ones for processing.
     *
     * @return how many of them were new
     * @throws io.mentorium.application.port.out.StorageException when they could not be stored: the caller must not
     *                                                             confirm them
     */
    int receive(List<InboundUpdate> updates);
}
