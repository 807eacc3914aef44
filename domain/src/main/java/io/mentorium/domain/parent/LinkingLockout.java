package io.mentorium.domain.parent;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The brake on guessing link codes: whoever typed {@code maxFailures} wrong codes within {@code window} is locked out
 * until the oldest of those failures leaves the window. "Whoever" is a Telegram account ({@link #STANDARD}) and, across
 * all accounts, a guardian e-mail ({@link #PER_GUARDIAN_EMAIL}).
 */
public record LinkingLockout(int maxFailures, Duration window) {

    public static final LinkingLockout STANDARD = new LinkingLockout(5, Duration.ofHours(1));

    /**
     * Wrong codes typed with one guardian e-mail by any number of accounts. Twice the per-account limit, so that two
     * parents of one family mistyping at the same time do not lock each other out, yet a crowd of accounts gets no
     * more guesses at one family's code than two careless parents would.
     */
    public static final LinkingLockout PER_GUARDIAN_EMAIL = new LinkingLockout(10, Duration.ofHours(1));

    public LinkingLockout {
        Objects.requireNonNull(window, "window");
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("lockout needs at least one failure and a positive window");
        }
    }

    /** The failures that still count at {@code now} are those after {@code now - window}. */
    private static final Duration STORAGE_ROUNDING = Duration.ofMillis(1);

    public Instant countingSince(Instant now) {
        return now.minus(window);
    }

    /**
     * @param failures the parent's failed attempts (any order; those outside the window are ignored)
     * @return how long the parent is still locked out, or empty when they may try again
     */
    public Optional<Duration> lockedFor(Collection<Instant> failures, Instant now) {
        List<Instant> recent = counting(failures, now);
        if (recent.size() < maxFailures) {
            return Optional.empty();
        }
        // The lock lifts when enough failures have aged out that fewer than maxFailures remain.
        Instant releasingFailure = recent.get(recent.size() - maxFailures);
        Duration left = Duration.between(now, releasingFailure.plus(window));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Attempts left before a lockout, never negative. */
    public int attemptsLeft(Collection<Instant> failures, Instant now) {
        return Math.max(0, maxFailures - counting(failures, now).size());
    }

    /** The failures inside the window ending at {@code now}, oldest first. */
    private List<Instant> counting(Collection<Instant> failures, Instant now) {
        Instant since = countingSince(now);
        // A failure just recorded may read back a fraction "after" now (PostgreSQL rounds nanoseconds to the nearest
        // microsecond); it still counts. Failures clearly in the future (a later instant's history) do not.
        Instant latest = now.plus(STORAGE_ROUNDING);
        return failures.stream().filter(failure -> failure.isAfter(since) && !failure.isAfter(latest)).sorted().toList();
    }
}
