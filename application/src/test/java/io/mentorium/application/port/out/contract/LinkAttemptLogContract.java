package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.learner;
import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.LinkAttemptLog.LinkAttempt;
import io.mentorium.application.port.out.LinkAttemptLog.Outcome;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.EmailKey;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LinkAttemptLog} must do. A "failure" is a {@link Outcome#REJECTED} attempt: a code that matched
 * nothing. An expired code the family really was shown is not a guess, so it does not count towards the lockout.
 */
public abstract class LinkAttemptLogContract {

    private static final TelegramUserId PARENT = parentId(501);
    private static final TelegramUserId OTHER = parentId(502);
    private static final TelegramUserId THIRD = parentId(503);
    private static final EmailKey FAMILY = EmailKey.of(new Email("karimova@example.com"));
    private static final EmailKey OTHER_FAMILY = EmailKey.of(new Email("rashidov@example.com"));

    protected LinkAttemptLog log;

    protected abstract LinkAttemptLog emptyLog();

    @BeforeEach
    final void startEmpty() {
        log = emptyLog();
    }

    @Test
    void a_parent_without_attempts_has_no_failures() {
        assertThat(log.failuresSince(PARENT, minutes(-60))).isEmpty();
    }

    @Test
    void failures_strictly_after_the_instant_are_returned_oldest_first_with_microsecond_precision() {
        Instant since = minutes(10);
        log.record(rejected(PARENT, minutes(30)));
        log.record(rejected(PARENT, since));                 // exactly at "since": not after it
        log.record(rejected(PARENT, minutes(5)));            // before
        log.record(rejected(PARENT, since.plusNanos(1_000))); // one microsecond after
        log.record(rejected(PARENT, minutes(20)));

        assertThat(log.failuresSince(PARENT, since))
                .containsExactly(since.plusNanos(1_000), minutes(20), minutes(30));
    }

    @Test
    void successful_expired_and_inactive_attempts_are_not_failures() {
        log.record(new LinkAttempt(PARENT, FAMILY, Outcome.LINKED, Optional.of(learner("L1")), minutes(1)));
        log.record(new LinkAttempt(PARENT, FAMILY, Outcome.EXPIRED, Optional.of(learner("L2")), minutes(2)));
        log.record(new LinkAttempt(PARENT, FAMILY, Outcome.INACTIVE, Optional.of(learner("L3")), minutes(4)));
        log.record(rejected(PARENT, minutes(3)));

        assertThat(log.failuresSince(PARENT, minutes(0))).containsExactly(minutes(3));
        assertThat(log.failuresSince(FAMILY, minutes(0))).containsExactly(minutes(3));
    }

    @Test
    void one_parents_failures_do_not_count_for_another() {
        log.record(rejected(PARENT, minutes(1)));
        log.record(rejected(OTHER, minutes(2)));
        log.record(rejected(OTHER, minutes(3)));

        assertThat(log.failuresSince(PARENT, minutes(0))).containsExactly(minutes(1));
        assertThat(log.failuresSince(OTHER, minutes(0))).containsExactly(minutes(2), minutes(3));
    }

    @Test
    void two_failures_at_the_same_instant_count_twice() {
        log.record(rejected(PARENT, minutes(4)));
        log.record(rejected(PARENT, minutes(4)));

        assertThat(log.failuresSince(PARENT, minutes(0))).containsExactly(minutes(4), minutes(4));
    }

    @Test
    void an_emails_failures_are_counted_across_every_parent_who_typed_it() {
        log.record(rejected(PARENT, FAMILY, minutes(1)));
        log.record(rejected(OTHER, FAMILY, minutes(2)));
        log.record(rejected(THIRD, OTHER_FAMILY, minutes(3)));
        log.record(rejected(THIRD, FAMILY, minutes(4)));

        assertThat(log.failuresSince(FAMILY, minutes(0))).containsExactly(minutes(1), minutes(2), minutes(4));
        assertThat(log.failuresSince(OTHER_FAMILY, minutes(0))).containsExactly(minutes(3));
        assertThat(log.failuresSince(PARENT, minutes(0))).containsExactly(minutes(1));
    }

    @Test
    void an_emails_failures_are_those_strictly_after_the_instant_oldest_first() {
        Instant since = minutes(10);
        log.record(rejected(OTHER, FAMILY, minutes(30)));
        log.record(rejected(PARENT, FAMILY, since));
        log.record(rejected(PARENT, FAMILY, since.plusNanos(1_000)));
        log.record(new LinkAttempt(OTHER, FAMILY, Outcome.EXPIRED, Optional.of(learner("L2")), minutes(20)));

        assertThat(log.failuresSince(FAMILY, since)).containsExactly(since.plusNanos(1_000), minutes(30));
    }

    @Test
    void an_email_nobody_typed_has_no_failures() {
        log.record(rejected(PARENT, FAMILY, minutes(1)));

        assertThat(log.failuresSince(OTHER_FAMILY, minutes(0))).isEmpty();
    }

    @Test
    void forgotten_email_keys_no_longer_count_while_the_attempts_still_count_for_their_parent() {
        log.record(rejected(PARENT, FAMILY, minutes(1)));
        log.record(rejected(OTHER, FAMILY, minutes(2)));
        log.record(rejected(OTHER, FAMILY, minutes(3)));

        assertThat(log.forgetEmailKeysBefore(minutes(3))).isEqualTo(2);

        assertThat(log.failuresSince(FAMILY, minutes(0))).containsExactly(minutes(3));
        assertThat(log.failuresSince(PARENT, minutes(0))).containsExactly(minutes(1));
        assertThat(log.failuresSince(OTHER, minutes(0))).containsExactly(minutes(2), minutes(3));
        assertThat(log.forgetEmailKeysBefore(minutes(3))).as("nothing left to forget").isZero();
    }

    private static LinkAttempt rejected(TelegramUserId parent, Instant at) {
        return rejected(parent, FAMILY, at);
    }

    private static LinkAttempt rejected(TelegramUserId parent, EmailKey email, Instant at) {
        return new LinkAttempt(parent, email, Outcome.REJECTED, Optional.empty(), at);
    }
}
