package io.mentorium.application.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How long the bot keeps what it only needed for a while: handled updates (which hold what parents typed), sent
 * messages, the conversation with the assistant and the questions asked of it. Expired conversation states need no
 * setting: they are gone once they expire.
 *
 * @param inboxWindow     handled updates older than this are purged ({@code RETENTION_INBOX_HOURS}, 1–720, default 24:
 *                        Telegram redelivers an unconfirmed update for at most a day)
 * @param outboxWindow    sent and given-up messages older than this are purged ({@code RETENTION_OUTBOX_DAYS}, 1–90,
 *                        default 7: long enough to answer "did the bot send it?")
 * @param dialogWindow    messages of the conversation with the assistant older than this are purged
 *                        ({@code RETENTION_DIALOG_DAYS}, 1–365, default 30: the assistant only ever reads the last few
 *                        turns, and a month covers a parent coming back to a topic)
 * @param questionsWindow closed questions to the assistant asked longer ago than this are purged
 *                        ({@code RETENTION_QUESTIONS_DAYS}, 1–90, default 7: a question is only needed until it is
 *                        answered, but the per-parent rate limit counts closed questions too, so this must not be
 *                        shorter than the limit's window); open ones are never purged
 * @param eventsWindow    business events older than this are purged ({@code RETENTION_EVENTS_DAYS}, 30–3650, default
 *                        365: a year answers the accounting and support questions asked of it, and its details hold
 *                        only ids and masked e-mails)
 * @param historyWindow   sent reports (with their text, for "Past reports") and notification marks older than this
 *                        are purged ({@code RETENTION_HISTORY_DAYS}, 70–3650, default 400: "Past reports" lists the last
 *                        ten, a year of them answers "what did the bot tell me?", and a mark is the key that keeps a
 *                        re-run from sending again only while its period or event can come round again — weeks, not a
 *                        year)
 */
public record RetentionSettings(Duration inboxWindow, Duration outboxWindow, Duration dialogWindow,
                                Duration questionsWindow, Duration eventsWindow, Duration historyWindow) {

    public static final Duration DEFAULT_HISTORY_WINDOW = Duration.ofDays(400);

    public static final RetentionSettings DEFAULT = new RetentionSettings(Duration.ofHours(24), Duration.ofDays(7),
            Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(365), DEFAULT_HISTORY_WINDOW);

    /** With the default history window. */
    public RetentionSettings(Duration inboxWindow, Duration outboxWindow, Duration dialogWindow,
                             Duration questionsWindow, Duration eventsWindow) {
        this(inboxWindow, outboxWindow, dialogWindow, questionsWindow, eventsWindow, DEFAULT_HISTORY_WINDOW);
    }

    public RetentionSettings {
        Objects.requireNonNull(inboxWindow, "inboxWindow");
        Objects.requireNonNull(outboxWindow, "outboxWindow");
        Objects.requireNonNull(dialogWindow, "dialogWindow");
        Objects.requireNonNull(questionsWindow, "questionsWindow");
        Objects.requireNonNull(eventsWindow, "eventsWindow");
        Objects.requireNonNull(historyWindow, "historyWindow");
        for (Duration window : List.of(inboxWindow, outboxWindow, dialogWindow, questionsWindow, eventsWindow,
                historyWindow)) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("retention windows must be positive");
            }
        }
    }

    public static RetentionSettings from(Environment env) {
        int inboxHours = env.integer("RETENTION_INBOX_HOURS", 24, 1, 720);
        int outboxDays = env.integer("RETENTION_OUTBOX_DAYS", 7, 1, 90);
        int dialogDays = env.integer("RETENTION_DIALOG_DAYS", 30, 1, 365);
        int questionsDays = env.integer("RETENTION_QUESTIONS_DAYS", 7, 1, 90);
        int eventsDays = env.integer("RETENTION_EVENTS_DAYS", 365, 30, 3650);
        int historyDays = env.integer("RETENTION_HISTORY_DAYS", 400, 70, 3650);
        return new RetentionSettings(Duration.ofHours(inboxHours), Duration.ofDays(outboxDays),
                Duration.ofDays(dialogDays), Duration.ofDays(questionsDays), Duration.ofDays(eventsDays),
                Duration.ofDays(historyDays));
    }
}
