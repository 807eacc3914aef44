package io.mentorium.application.service;

import io.mentorium.application.config.RetentionSettings;
import io.mentorium.application.port.in.PurgeRetainedData;
import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.port.out.UpdateInbox;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention rules as one use case. Every purge is a call of its own, outside any transaction: each adapter deletes
 * in short statements of its own, so a large backlog never holds locks that the pipeline's writes would wait on.
 * Only counts are logged; what was deleted never is.
 */
public final class PurgeRetainedDataService implements PurgeRetainedData {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeRetainedDataService.class);

    private final UpdateInbox inbox;
    private final Outbox outbox;
    private final ConversationStore conversations;
    private final LinkAttemptLog attempts;
    private final DialogRepository dialogs;
    private final AssistantQuestions questions;
    private final EventLog events;
    private final ReportHistory reports;
    private final NotificationHistory notifications;
    private final RetentionSettings settings;
    private final Clock clock;

    /**
     * How long a link attempt keeps its e-mail key: a day, far past the e-mail lockout's hour, so that an operator
     * looking into a wave of guesses the same day can still see they were aimed at one e-mail.
     */
    public static final Duration EMAIL_KEY_RETENTION = Duration.ofDays(1);

    @Inject
    public PurgeRetainedDataService(UpdateInbox inbox, Outbox outbox, ConversationStore conversations,
                                    LinkAttemptLog attempts, DialogRepository dialogs, AssistantQuestions questions,
                                    EventLog events, ReportHistory reports, NotificationHistory notifications,
                                    RetentionSettings settings, Clock clock) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.questions = Objects.requireNonNull(questions, "questions");
        this.events = Objects.requireNonNull(events, "events");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Purged purge() {
        Instant now = clock.instant();
        List<String> failed = new ArrayList<>();
        // The inbox decides what "purged" means for an update: its payload goes, while its id may stay as long as
        // Telegram could deliver it again, so that duplicate detection outlives the payload.
        int updates = part("inbox", failed, () -> inbox.purgeHandledBefore(now.minus(settings.inboxWindow())));
        int messages = part("outbox", failed, () -> outbox.purgeHandledBefore(now.minus(settings.outboxWindow())));
        int states = part("conversations", failed, () -> conversations.purgeExpired(now));
        int keys = part("link-attempts", failed, () -> attempts.forgetEmailKeysBefore(now.minus(EMAIL_KEY_RETENTION)));
        int turns = part("dialog", failed, () -> dialogs.purgeBefore(now.minus(settings.dialogWindow())));
        // Open questions stay whatever their age: one still open is answered or apologised for after a restart.
        int asked = part("assistant-questions", failed,
                () -> questions.purgeClosedBefore(now.minus(settings.questionsWindow())));
        int old = part("events", failed, () -> events.purgeBefore(now.minus(settings.eventsWindow())));
        Instant historyBefore = now.minus(settings.historyWindow());
        int history = part("report-history", failed, () -> reports.purgeSentBefore(historyBefore))
                + part("notification-history", failed, () -> notifications.purgeQueuedBefore(historyBefore));
        Purged purged = new Purged(updates, messages, states, keys, turns, asked, old, history, failed);
        LOG.info("Retention purge: {} handled update(s), {} sent message(s), {} expired conversation(s), {} e-mail "
                        + "key(s) of link attempts, {} dialog message(s), {} closed question(s), {} event(s), {} "
                        + "report or notification mark(s){}",
                updates, messages, states, keys, turns, asked, old, history,
                failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed));
        return purged;
    }

    private static int part(String name, List<String> failed, IntSupplier purge) {
        try {
            return purge.getAsInt();
        } catch (RuntimeException failure) {
            // The next run retries; a purge that fails is no reason to keep the others from running.
            LOG.warn("Retention purge of {} failed: {}", name, failure.getMessage());
            failed.add(name);
            return 0;
        }
    }
}
