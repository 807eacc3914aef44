/**
 * The processing model for updates from a messaging channel, whatever the channel: exactly once, in order within a
 * chat, in parallel across chats.
 *
 * <ol>
 *   <li>{@link io.mentorium.application.pipeline.UpdatePipeline#receive} stores a batch in the inbox (idempotent on the
 *       update id) in one transaction; only then may the channel confirm it. New updates go on in memory.</li>
 *   <li>{@link io.mentorium.application.pipeline.ChatWorkers} handle each chat's updates in order on one virtual
 *       thread at a time: the conversation's state change, its replies (into the outbox) and the update's "done"
 *       mark commit together.</li>
 *   <li>{@link io.mentorium.application.pipeline.OutboxRelay} sends the replies at the allowed pace and marks each
 *       sent as soon as the channel accepted it.</li>
 * </ol>
 *
 * The database is only written for durability and read back at start, where whatever a crash left pending in the inbox
 * and the outbox is resumed. The one window for a duplicate is between the channel accepting a message and the
 * outbox recording it.
 */
package io.mentorium.application.pipeline;
