package io.mentorium.domain.parent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkingLockoutTest {

    private static final LinkingLockout LOCKOUT = LinkingLockout.STANDARD;
    private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");

    private static List<Instant> minutesAgo(long... minutes) {
        List<Instant> failures = new ArrayList<>();
        for (long m : minutes) {
            failures.add(NOW.minus(Duration.ofMinutes(m)));
        }
        return failures;
    }

    @Test
    void standardIsFiveFailuresPerHour() {
        assertThat(LOCKOUT.maxFailures()).isEqualTo(5);
        assertThat(LOCKOUT.window()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void fourFailuresDoNotLockAndLeaveOneAttempt() {
        List<Instant> failures = minutesAgo(40, 30, 20, 10);

        assertThat(LOCKOUT.lockedFor(failures, NOW)).isEmpty();
        assertThat(LOCKOUT.attemptsLeft(failures, NOW)).isEqualTo(1);
    }

    @Test
    void fifthFailureLocksUntilTheOldestOfTheLastFiveLeavesTheWindow() {
        List<Instant> failures = minutesAgo(50, 40, 30, 20, 10);

        // oldest (NOW - 50 min) + 1 h - NOW = 10 min
        assertThat(LOCKOUT.lockedFor(failures, NOW)).contains(Duration.ofMinutes(10));
        assertThat(LOCKOUT.attemptsLeft(failures, NOW)).isZero();
    }

    @Test
    void lockDurationIsExactToTheNanosecond() {
        Instant oldest = NOW.minus(Duration.ofMinutes(59)).minusNanos(123);
        List<Instant> failures = List.of(oldest, NOW.minusSeconds(5), NOW.minusSeconds(4), NOW.minusSeconds(3), NOW);

        // oldest + 1 h - NOW = 1 min - 123 ns
        assertThat(LOCKOUT.lockedFor(failures, NOW)).contains(Duration.ofSeconds(60).minusNanos(123));
    }

    @Test
    void failuresOlderThanTheWindowAreIgnored() {
        List<Instant> failures = minutesAgo(120, 61, 40, 30, 20, 10);

        assertThat(LOCKOUT.lockedFor(failures, NOW)).isEmpty();
        assertThat(LOCKOUT.attemptsLeft(failures, NOW)).isEqualTo(1);
    }

    @Test
    void failureExactlyAWindowAgoNoLongerCounts() {
        List<Instant> failures = minutesAgo(60, 40, 30, 20, 10);

        assertThat(LOCKOUT.lockedFor(failures, NOW)).isEmpty();
        assertThat(LOCKOUT.attemptsLeft(failures, NOW)).isEqualTo(1);
    }

    @Test
    void lockLiftsAtTheExactInstantTheOldestFailureAgesOut() {
        List<Instant> failures = minutesAgo(50, 40, 30, 20, 10);
        Instant lifts = NOW.plus(Duration.ofMinutes(10));

        assertThat(LOCKOUT.lockedFor(failures, lifts.minusNanos(1))).contains(Duration.ofNanos(1));
        assertThat(LOCKOUT.lockedFor(failures, lifts)).isEmpty();
        assertThat(LOCKOUT.attemptsLeft(failures, lifts)).isEqualTo(1);
    }

    @Test
    void withMoreFailuresThanTheLimitTheLockLastsUntilEnoughHaveAgedOut() {
        List<Instant> failures = minutesAgo(55, 50, 40, 30, 20, 10);

        // Six failures: five remain until the second oldest (50 min ago) leaves the window, in 10 minutes.
        assertThat(LOCKOUT.lockedFor(failures, NOW)).contains(Duration.ofMinutes(10));
        assertThat(LOCKOUT.attemptsLeft(failures, NOW)).isZero();
    }

    @Test
    void failuresMayComeInAnyOrder() {
        Set<Instant> failures = Set.copyOf(minutesAgo(10, 50, 30, 20, 40));

        assertThat(LOCKOUT.lockedFor(failures, NOW)).contains(Duration.ofMinutes(10));
    }

    @Test
    void failuresAfterNowAreIgnored() {
        List<Instant> failures = minutesAgo(40, 30, 20, 10, -5);

        assertThat(LOCKOUT.lockedFor(failures, NOW)).isEmpty();
        assertThat(LOCKOUT.attemptsLeft(failures, NOW)).isEqualTo(1);
    }

    @Test
    void aFailureReadBackAMicrosecondAheadOfNowCounts() {
        List<Instant> failures = new java.util.ArrayList<>(minutesAgo(40, 30, 20, 10));
        failures.add(NOW.plusNanos(500));

        assertThat(LOCKOUT.lockedFor(failures, NOW)).isPresent();
        assertThat(LOCKOUT.attemptsLeft(failures, NOW)).isZero();
    }

    @Test
    void failureAtNowCounts() {
        List<Instant> failures = minutesAgo(40, 30, 20, 10, 0);

        assertThat(LOCKOUT.lockedFor(failures, NOW)).contains(Duration.ofMinutes(20));
    }

    @Test
    void noFailuresLeaveAllAttempts() {
        assertThat(LOCKOUT.lockedFor(List.of(), NOW)).isEmpty();
        assertThat(LOCKOUT.attemptsLeft(List.of(), NOW)).isEqualTo(5);
    }

    @Test
    void customLockoutUsesItsOwnLimitAndWindow() {
        LinkingLockout strict = new LinkingLockout(2, Duration.ofMinutes(10));

        assertThat(strict.lockedFor(minutesAgo(8, 1), NOW)).contains(Duration.ofMinutes(2));
        assertThat(strict.countingSince(NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
    }

    @Test
    void lockoutNeedsAFailureAndAPositiveWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LinkingLockout(0, Duration.ofHours(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new LinkingLockout(5, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new LinkingLockout(5, Duration.ofHours(-1)));
    }
}
