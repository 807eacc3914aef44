package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.learner;
import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.port.out.NotificationHistory.QueuedNotification;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NotificationHistory} must do. */
public abstract class NotificationHistoryContract {

    private static final TelegramUserId PARENT = parentId(911);
    private static final TelegramUserId OTHER = parentId(912);
    private static final String STREAK = "achievement:L1:streak-7:2026-11-10";

    protected NotificationHistory history;

    protected abstract NotificationHistory emptyHistory();

    @BeforeEach
    final void startEmpty() {
        history = emptyHistory();
    }

    private static QueuedNotification mark(TelegramUserId parent, String key, long atMinutes) {
        return new QueuedNotification(parent, key, NotificationKind.ACHIEVEMENT, Optional.of(learner("L1")),
                minutes(atMinutes));
    }

    @Test
    void the_first_mark_of_a_key_wins_and_a_repeated_one_changes_nothing() {
        assertThat(history.markQueued(mark(PARENT, STREAK, 1))).isTrue();
        assertThat(history.markQueued(mark(PARENT, STREAK, 2))).isFalse();

        assertThat(history.wasQueued(PARENT, STREAK)).isTrue();
    }

    @Test
    void keys_are_per_parent_and_exact() {
        history.markQueued(mark(PARENT, STREAK, 1));

        assertThat(history.wasQueued(OTHER, STREAK)).isFalse();
        assertThat(history.wasQueued(PARENT, STREAK + "x")).isFalse();
        assertThat(history.markQueued(mark(OTHER, STREAK, 1))).isTrue();
    }

    @Test
    void a_parents_own_notification_has_no_learner_and_a_long_key_fits() {
        String key = "reminder:parent:" + "x".repeat(QueuedNotification.MAX_KEY_LENGTH - 16);
        assertThat(history.markQueued(new QueuedNotification(PARENT, key, NotificationKind.REMINDER,
                Optional.empty(), minutes(1)))).isTrue();
        assertThat(history.wasQueued(PARENT, key)).isTrue();
    }

    @Test
    void purge_deletes_only_marks_queued_before_the_cut() {
        history.markQueued(mark(PARENT, "old", 1));
        history.markQueued(mark(PARENT, "new", 10));

        assertThat(history.purgeQueuedBefore(minutes(5))).isEqualTo(1);

        assertThat(history.wasQueued(PARENT, "old")).isFalse();
        assertThat(history.wasQueued(PARENT, "new")).isTrue();
    }
}
