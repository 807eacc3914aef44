package io.mentorium.application.port.out;

import java.time.Instant;

/** What operators watch as levels rather than events: queue depths and paying families, read in one go. */
public interface OperationalCounts {

    /** @throws StorageException when the database could not answer */
    Counts read(Instant now);

    /**
     * @param inboxPending        updates stored and not yet handled
     * @param outboxPending       messages queued and not yet sent or given up
     * @param quarantinedRecently updates set aside as dead letters in the last 24 hours
     * @param activeSubscriptions parents whose paid period (renewals stacked) covers {@code now}
     */
    record Counts(long inboxPending, long outboxPending, long quarantinedRecently, long activeSubscriptions) {
    }
}
