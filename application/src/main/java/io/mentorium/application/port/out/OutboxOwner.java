package io.mentorium.application.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity under which a process claims outbox rows, and for how long a claim holds without being renewed.
 *
 * @param id               the process instance: stable for the bot (one bot runs per database, held by its instance
 *                         lock, so a restarted bot takes its own rows back at once), unique per scheduler process
 * @param claimsOnEnqueue  rows this process enqueues are claimed by it in the same insert: the bot hands its replies to
 *                         its relay in memory, so no other process may take them between commit and send (and the hot
 *                         path needs no claim round trip). A scheduler's report rows are left for any relay to claim.
 * @param lease            how long a claim holds; renewed every third of it while the process lives
 */
public record OutboxOwner(String id, boolean claimsOnEnqueue, Duration lease) {

    /** Long enough that a pause of the process (a GC, a slow database) does not lose its rows to another. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    public OutboxOwner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lease, "lease");
        if (id.isEmpty() || id.length() > 64) {
            throw new IllegalArgumentException("owner id must be 1-64 characters: " + id);
        }
        if (lease.isNegative() || lease.toMillis() < 30) {
            throw new IllegalArgumentException("lease must be at least 30 ms: " + lease);
        }
    }

    /** The bot: one per database. */
    public static OutboxOwner bot() {
        return new OutboxOwner("bot", true, DEFAULT_LEASE);
    }

    /** A process of which several may run at once: a fresh id per process. */
    public static OutboxOwner instance(String kind) {
        return new OutboxOwner(kind + "-" + UUID.randomUUID().toString().substring(0, 13), false, DEFAULT_LEASE);
    }

    public OutboxOwner withLease(Duration newLease) {
        return new OutboxOwner(id, claimsOnEnqueue, newLease);
    }
}
