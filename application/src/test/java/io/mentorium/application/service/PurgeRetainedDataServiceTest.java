package io.mentorium.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.config.RetentionSettings;
import io.mentorium.application.port.in.PurgeRetainedData.Purged;
import io.mentorium.application.port.out.AssistantQuestions.Closing;
import io.mentorium.application.port.out.AssistantQuestions.NewQuestion;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.NotificationHistory.QueuedNotification;
import io.mentorium.application.port.out.ReportHistory.SentReport;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.port.out.contract.PipelineData;
import io.mentorium.application.testing.InMemoryAssistantQuestions;
import io.mentorium.application.testing.InMemoryConversationStore;
import io.mentorium.application.testing.InMemoryDialogRepository;
import io.mentorium.application.testing.InMemoryLinkAttemptLog;
import io.mentorium.application.testing.InMemoryNotificationHistory;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryReportHistory;
import io.mentorium.application.testing.InMemoryUpdateInbox;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PurgeRetainedDataServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-18T04:30:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryUpdateInbox inbox = new InMemoryUpdateInbox();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryLinkAttemptLog attempts = new InMemoryLinkAttemptLog();
    private final InMemoryDialogRepository dialogs = new InMemoryDialogRepository();
    private final InMemoryAssistantQuestions questions = new InMemoryAssistantQuestions();
    private final io.mentorium.application.testing.InMemoryEventLog events =
            new io.mentorium.application.testing.InMemoryEventLog();
    private final InMemoryReportHistory reports = new InMemoryReportHistory();
    private final InMemoryNotificationHistory notifications = new InMemoryNotificationHistory();

    @Test
    void sentReportsAndNotificationMarksOlderThanTheHistoryWindowGo() {
        TelegramUserId parent = new TelegramUserId(501);
        ReportPeriod week = ReportPeriod.weekContaining(java.time.LocalDate.of(2025, 1, 6));
        reports.markSent(new SentReport(parent, new LearnerId("L-1"), week, NOW.minus(Duration.ofDays(401))));
        reports.markSent(new SentReport(parent, new LearnerId("L-2"), week, NOW.minus(Duration.ofDays(399))));
        notifications.markQueued(new QueuedNotification(parent, "achievement:L-1:streak-3:2025-01-06",
                NotificationKind.ACHIEVEMENT, Optional.of(new LearnerId("L-1")), NOW.minus(Duration.ofDays(401))));
        var service = new PurgeRetainedDataService(inbox, outbox, conversations, attempts, dialogs, questions, events,
                reports, notifications, RetentionSettings.DEFAULT, clock);

        Purged purged = service.purge();

        assertThat(purged.history()).isEqualTo(2);
        assertThat(reports.sentTo(parent, 10)).extracting(SentReport::learnerId)
                .containsExactly(new LearnerId("L-2"));
        assertThat(notifications.all()).isEmpty();
    }

    @Test
    void theConfiguredInboxWindowDecidesWhichHandledUpdatesGo() {
        inbox.store(List.of(PipelineData.text(1, 501), PipelineData.text(2, 501)), NOW.minus(Duration.ofDays(1)));
        inbox.markDone(1, NOW.minus(Duration.ofHours(3)));
        inbox.markDone(2, NOW.minus(Duration.ofHours(1)));
        var shortWindow = new PurgeRetainedDataService(inbox, outbox, conversations, attempts, dialogs, questions, events,
                reports, notifications,
                new RetentionSettings(Duration.ofHours(2), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(7),
                        Duration.ofDays(365)),
                clock);

        assertThat(shortWindow.purge().inboxUpdates()).isEqualTo(1);
        // What the parent sent is gone; the id stays for duplicate detection while Telegram could redeliver it.
        assertThat(inbox.hasContent(1)).isFalse();
        assertThat(inbox.stateOf(1)).contains(InMemoryUpdateInbox.State.DONE);
        assertThat(inbox.hasContent(2)).isTrue();
    }

    @Test
    void oneFailingPurgeLeavesTheOthersToRunAndIsReportedNotThrown() {
        inbox.store(List.of(PipelineData.text(1, 501)), NOW.minus(Duration.ofDays(3)));
        inbox.markDone(1, NOW.minus(Duration.ofDays(2)));
        conversations.save(new ChatId(1), new ConversationStore.Conversation("a", Map.of(), NOW.minusSeconds(1)));
        UpdateInbox broken = new UpdateInbox() {
            @Override
            public Stored store(List<io.mentorium.application.port.in.InboundUpdate> updates, Instant receivedAt) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Pending> pending(long afterUpdateId, int limit) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean markDone(long updateId, Instant at) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void reopen(java.util.Collection<Long> updateIds) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean quarantine(DeadLetter letter) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int purgeHandledBefore(Instant before) {
                throw new IllegalStateException("the database is gone");
            }
        };
        var service = new PurgeRetainedDataService(broken, outbox, conversations, attempts, dialogs, questions, events,
                reports, notifications,
                RetentionSettings.DEFAULT, clock);

        Purged purged = service.purge();

        assertThat(purged).isEqualTo(new Purged(0, 0, 1, 0, 0, 0, 0, List.of("inbox")));
        assertThat(purged.complete()).isFalse();
        assertThat(conversations.find(new ChatId(1), NOW.minusSeconds(2))).isEmpty();
    }

    @Test
    void theConfiguredWindowsDecideWhichDialogMessagesAndClosedQuestionsGo() {
        TelegramUserId parent = new TelegramUserId(501);
        dialogs.append(new DialogMessage(parent, DialogRole.USER, "old", 1, NOW.minus(Duration.ofDays(4))));
        DialogMessage recent = new DialogMessage(parent, DialogRole.USER, "recent", 1, NOW.minus(Duration.ofDays(2)));
        dialogs.append(recent);
        long oldClosed = questions.add(question(parent, NOW.minus(Duration.ofDays(2))));
        long oldOpen = questions.add(question(parent, NOW.minus(Duration.ofDays(2))));
        long recentClosed = questions.add(question(parent, NOW.minus(Duration.ofHours(12))));
        questions.close(oldClosed, Closing.ANSWERED, NOW.minus(Duration.ofDays(2)));
        questions.close(recentClosed, Closing.APOLOGIZED, NOW.minus(Duration.ofHours(11)));
        var service = new PurgeRetainedDataService(inbox, outbox, conversations, attempts, dialogs, questions, events,
                reports, notifications,
                new RetentionSettings(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(1),
                        Duration.ofDays(365)),
                clock);

        Purged purged = service.purge();

        assertThat(purged).isEqualTo(new Purged(0, 0, 0, 0, 1, 1, 0, List.of()));
        assertThat(dialogs.recent(parent, 10)).containsExactly(recent);
        assertThat(questions.all()).containsOnlyKeys(oldOpen, recentClosed);
    }

    private static NewQuestion question(TelegramUserId parent, Instant at) {
        return new NewQuestion(parent, new ChatId(parent.value()), "How is she doing?", OptionalLong.empty(), at);
    }
}
