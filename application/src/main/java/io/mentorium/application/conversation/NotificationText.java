package io.mentorium.application.conversation;

import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.notification.LearnerEvent;
import io.mentorium.domain.notification.SubscriptionReminder;
import io.mentorium.domain.notification.Tip;
import io.mentorium.domain.shared.Language;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * The scheduled notifications as Telegram HTML in the parent's language: calm, short, and only with numbers the event
 * holds. Platform values (names, course and activity titles) are escaped by {@link Messages#html}.
 *
 * <p>The weekly tip's sentence comes from a {@code TipWriter}: {@link #tipSentence} is the rule-based one
 * ({@link Tip}), {@link #renderTip} frames any writer's sentence, escaped, as the tip of the week.
 */
public final class NotificationText {

    private final Messages messages;

    @Inject
    public NotificationText(Messages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    public String render(LearnerEvent event, Learner learner, Language language) {
        String name = learner.firstName();
        return switch (event) {
            case LearnerEvent.StreakReached streak -> messages.html(language, MessageKey.NOTIFY_STREAK, name,
                    streak.days());
            case LearnerEvent.CourseCompleted course -> messages.html(language, MessageKey.NOTIFY_COURSE_COMPLETED,
                    name, Replies.shorten(course.course().title(), ReportText.MAX_TITLE));
            case LearnerEvent.TopScore top -> messages.html(language, MessageKey.NOTIFY_TOP_SCORE, name,
                    Math.round(top.score()), Replies.shorten(top.activityTitle(), ReportText.MAX_TITLE));
            case LearnerEvent.MissedDays missed -> messages.html(language, MessageKey.NOTIFY_MISSED_DAYS, name,
                    missed.days(), messages.dateFormat(language, MessageKey.FORMAT_DAY).format(missed.lastActiveDay()));
            case LearnerEvent.WeeklyTip weekly -> renderTip(learner, language, tipSentence(weekly.tip(), language));
        };
    }

    /** The tip of the week about {@code learner}, with {@code sentence} (plain text, escaped here) as its advice. */
    public String renderTip(Learner learner, Language language, String sentence) {
        return messages.html(language, MessageKey.NOTIFY_TIP, learner.firstName(), sentence);
    }

    /** The rule-based tip's sentence, as plain text. */
    public String tipSentence(Tip tip, Language language) {
        return switch (tip) {
            case Tip.StartSmall start -> messages.plain(language, MessageKey.TIP_START_SMALL);
            case Tip.ReviewCourse review -> messages.plain(language, MessageKey.TIP_REVIEW_COURSE,
                    Replies.shorten(review.course().title(), ReportText.MAX_TITLE), Math.round(review.averageScore()));
            case Tip.StudyMoreDays days -> messages.plain(language, MessageKey.TIP_STUDY_MORE_DAYS,
                    days.activeDays(), days.days());
            case Tip.LongerSessions longer -> messages.plain(language, MessageKey.TIP_LONGER_SESSIONS,
                    duration(language, longer.minutes()));
            case Tip.KeepGoing going -> messages.plain(language, MessageKey.TIP_KEEP_GOING, going.activeDays(),
                    duration(language, going.minutes()));
        };
    }

    /** @param zone the bot's time zone, in which the subscription screen shows its dates too */
    public String render(SubscriptionReminder reminder, Language language, ZoneId zone) {
        return switch (reminder) {
            case SubscriptionReminder.EndsSoon soon -> messages.html(language, MessageKey.REMIND_ENDS_SOON,
                    date(soon.paidUntil(), language, zone));
            case SubscriptionReminder.Ended ended -> ended.graceEndsAt().isAfter(ended.paidUntil())
                    ? messages.html(language, MessageKey.REMIND_ENDED, date(ended.graceEndsAt(), language, zone))
                    : messages.html(language, MessageKey.REMIND_ENDED_NO_GRACE);
            case SubscriptionReminder.GraceEnding ending -> messages.html(language, MessageKey.REMIND_GRACE_ENDING,
                    date(ending.graceEndsAt(), language, zone));
        };
    }

    /** The subscription screen's button, as the paywall shows it. */
    public Keyboard.Inline subscribeButton(Language language) {
        return new Keyboard.Inline(List.of(List.of(new Button(messages.plain(language, MessageKey.BUTTON_SUBSCRIBE),
                CallbackData.encode(new CallbackData.OpenSubscription())))));
    }

    private Markup duration(Language language, int minutes) {
        if (minutes < 60) {
            return messages.markup(language, MessageKey.DURATION_MINUTES, minutes);
        }
        return messages.markup(language, MessageKey.DURATION_HOURS, minutes / 60, minutes % 60);
    }

    private String date(Instant instant, Language language, ZoneId zone) {
        DateTimeFormatter format = messages.dateFormat(language, MessageKey.FORMAT_DATE);
        return format.format(instant.atZone(zone));
    }
}
