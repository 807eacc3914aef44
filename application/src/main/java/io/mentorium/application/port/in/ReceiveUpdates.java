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

    /**
     * Sets aside an update the channel could not even turn into an {@link InboundUpdate} (a bug in translating it):
     * recorded as a dead letter so that it is visible, while the rest of its batch goes on.
     *
     * @param chatId 0 when not known
     * @param reason why, without the update's content
     * @throws io.mentorium.application.port.out.StorageException when that could not be recorded: do not confirm
     */
    void reject(long updateId, long chatId, String reason);
}
