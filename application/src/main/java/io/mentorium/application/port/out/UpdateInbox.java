package io.mentorium.application.port.out;

import io.mentorium.application.port.in.InboundUpdate;
import java.time.Instant;
import java.util.List;

/**
 * Durable store of received updates, so that none is lost or handled twice across crashes. Idempotent on the update id:
 * storing an update seen before (processed or not) changes nothing.
 */
public interface UpdateInbox {

    /**
     * Stores the updates not seen before, all or none.
     *
     * @return the newly stored ones, in update-id order
     */
    List<InboundUpdate> store(List<InboundUpdate> updates, Instant receivedAt);

    /** Updates neither done nor failed, in update-id order, after {@code afterUpdateId} (keyset paging for resume). */
    List<InboundUpdate> pending(long afterUpdateId, int limit);

    /** Meant to run in the transaction that applied the update's effects. */
    void markDone(long updateId, Instant at);

    /** Gives up on an update whose handling fails for a reason retrying cannot fix; kept for inspection. */
    void markFailed(long updateId, Instant at, String error);

    /** Deletes done and failed updates handled before {@code before}; returns how many. */
    int purgeHandledBefore(Instant before);
}
