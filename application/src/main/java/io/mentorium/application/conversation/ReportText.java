package io.mentorium.application.conversation;

import io.mentorium.application.port.out.Messenger;
import io.mentorium.domain.report.CourseProgress;
import io.mentorium.domain.report.Gap;
import io.mentorium.domain.report.Highlight;
import io.mentorium.domain.report.Report;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.report.ReportMetrics;
import io.mentorium.domain.report.Suggestion;
import io.mentorium.domain.report.Trend;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.subscription.AccessDecision;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link Report} as one readable Telegram message: a verdict, the figures with their trend against the previous
 * period, what went well (praise first), gaps, suggestions and courses. It shows only numbers the report holds, and
 * stays within Telegram's 4096 characters whatever the platform sends.
 */
public final class ReportText {

    static final int MAX_TITLE = 80;
    static final int MAX_HIGHLIGHTS = 5;
    static final int MAX_GAPS = 5;
    static final int MAX_SUGGESTIONS = 3;
    static final int MAX_COURSES = 8;

    private final Messages messages;

    @Inject
    public ReportText(Messages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    public String render(Report report, Language language) {
        return fit(blocks(report, language), false);
    }

    /**
     * A scheduled report, which ends with the subscription line: until when the paid features stay open, or that
     * the grace period runs. A free feature's access says nothing worth a line.
     *
     * @param zone the bot's time zone, in which the date is shown
     */
    public String render(Report report, Language language, AccessDecision access, ZoneId zone) {
        List<String> blocks = blocks(report, language);
        int withoutLine = blocks.size();
        DateTimeFormatter date = messages.dateFormat(language, MessageKey.FORMAT_DATE);
        switch (access) {
            case AccessDecision.Granted granted -> granted.until().ifPresent(until -> blocks.add(
                    messages.html(language, MessageKey.REPORT_SUBSCRIPTION_ACTIVE, date.format(until.atZone(zone)))));
            case AccessDecision.GrantedInGrace grace -> blocks.add(messages.html(language,
                    MessageKey.REPORT_SUBSCRIPTION_GRACE, date.format(grace.graceEndsAt().atZone(zone))));
            case AccessDecision.Denied denied -> {
                // Not sent at all: the scheduled report is a paid feature.
            }
        }
        return fit(blocks, blocks.size() > withoutLine);
    }

    private List<String> blocks(Report report, Language language) {
        List<String> blocks = new ArrayList<>();
        blocks.add(title(report, language) + "\n" + verdict(report, language));
        blocks.add(String.join("\n", figures(report, language)));
        section(blocks, language, MessageKey.REPORT_HIGHLIGHTS_TITLE, report.highlights(), MAX_HIGHLIGHTS,
                highlight -> highlight(highlight, language));
        DateTimeFormatter day = messages.dateFormat(language, MessageKey.FORMAT_DAY);
        section(blocks, language, MessageKey.REPORT_GAPS_TITLE, report.gaps(), MAX_GAPS,
                gap -> gap(gap, day, language));
        section(blocks, language, MessageKey.REPORT_SUGGESTIONS_TITLE, report.suggestions(), MAX_SUGGESTIONS,
                suggestion -> suggestion(suggestion, language));
        section(blocks, language, MessageKey.REPORT_COURSES_TITLE, report.courses(), MAX_COURSES,
                course -> course(course, language));
        return blocks;
    }

    private String title(Report report, Language language) {
        DateTimeFormatter day = messages.dateFormat(language, MessageKey.FORMAT_DAY);
        MessageKey key = report.period().kind() == ReportKind.WEEKLY
                ? MessageKey.REPORT_TITLE_WEEKLY
                : MessageKey.REPORT_TITLE_MONTHLY;
        return messages.html(language, key, Replies.shorten(report.learner().fullName(), ChildText.MAX_NAME),
                day.format(report.period().start()), day.format(report.asOf()));
    }

    private String verdict(Report report, Language language) {
        boolean weekly = report.period().kind() == ReportKind.WEEKLY;
        String thisPeriod = messages.plain(language, weekly ? MessageKey.THIS_WEEK : MessageKey.THIS_MONTH);
        String lastPeriod = messages.plain(language, weekly ? MessageKey.LAST_WEEK : MessageKey.LAST_MONTH);
        if (report.isEmpty()) {
            return messages.html(language, MessageKey.VERDICT_NO_ACTIVITY, thisPeriod);
        }
        return switch (report.trend().direction()) {
            case NO_BASELINE -> messages.html(language, MessageKey.VERDICT_NO_BASELINE, report.metrics().activeDays(),
                    thisPeriod);
            case UP -> messages.html(language, MessageKey.VERDICT_UP, lastPeriod);
            case FLAT -> messages.html(language, MessageKey.VERDICT_FLAT, lastPeriod);
            case DOWN -> messages.html(language, MessageKey.VERDICT_DOWN, lastPeriod);
        };
    }

    private List<String> figures(Report report, Language language) {
        ReportMetrics metrics = report.metrics();
        Trend trend = report.trend();
        boolean compared = trend.direction() != Trend.Direction.NO_BASELINE;
        int elapsedDays = (int) ChronoUnit.DAYS.between(report.period().start(), report.asOf()) + 1;
        List<String> lines = new ArrayList<>();
        lines.add(messages.html(language, MessageKey.METRIC_LESSONS, metrics.lessonsCompleted(),
                compared ? trend(language, trend.lessonsDelta(), Math.abs(trend.lessonsDelta())) : Markup.EMPTY));
        lines.add(messages.html(language, MessageKey.METRIC_TIME, duration(language, metrics.minutes()),
                compared ? trend(language, trend.minutesDelta(), duration(language, Math.abs(trend.minutesDelta())))
                        : Markup.EMPTY));
        lines.add(messages.html(language, MessageKey.METRIC_ACTIVE_DAYS, metrics.activeDays(), elapsedDays,
                compared ? trend(language, trend.activeDaysDelta(), Math.abs(trend.activeDaysDelta())) : Markup.EMPTY));
        if (report.streakDays() > 0) {
            lines.add(messages.html(language, MessageKey.METRIC_STREAK, report.streakDays()));
        }
        if (metrics.averageScore().isPresent()) {
            Markup scoreTrend = Markup.EMPTY;
            if (trend.averageScoreDelta().isPresent()) {
                long delta = Math.round(trend.averageScoreDelta().getAsDouble());
                scoreTrend = trend(language, delta, Math.abs(delta));
            }
            lines.add(messages.html(language, MessageKey.METRIC_SCORE,
                    Math.round(metrics.averageScore().getAsDouble()), scoreTrend));
        }
        // A line without a trend ends in the space before the missing suffix.
        return lines.stream().map(String::strip).toList();
    }

    private Markup trend(Language language, long delta, Object shown) {
        if (delta > 0) {
            return messages.markup(language, MessageKey.TREND_UP, shown);
        }
        if (delta < 0) {
            return messages.markup(language, MessageKey.TREND_DOWN, shown);
        }
        return messages.markup(language, MessageKey.TREND_SAME);
    }

    private Markup duration(Language language, int minutes) {
        if (minutes < 60) {
            return messages.markup(language, MessageKey.DURATION_MINUTES, minutes);
        }
        return messages.markup(language, MessageKey.DURATION_HOURS, minutes / 60, minutes % 60);
    }

    private String highlight(Highlight highlight, Language language) {
        return switch (highlight) {
            case Highlight.TopScore top -> messages.html(language, MessageKey.HIGHLIGHT_TOP_SCORE,
                    Replies.shorten(top.activityTitle(), MAX_TITLE), Math.round(top.score()));
            case Highlight.LongStreak streak -> messages.html(language, MessageKey.HIGHLIGHT_LONG_STREAK,
                    streak.days());
            case Highlight.ScoreImproved improved -> messages.html(language, MessageKey.HIGHLIGHT_SCORE_IMPROVED,
                    Math.round(improved.by()));
            case Highlight.CourseFinished finished -> messages.html(language, MessageKey.HIGHLIGHT_COURSE_FINISHED,
                    Replies.shorten(finished.course().title(), MAX_TITLE));
        };
    }

    private String gap(Gap gap, DateTimeFormatter day, Language language) {
        return messages.html(language, MessageKey.GAP_LINE, day.format(gap.from()), day.format(gap.to()), gap.days());
    }

    private String suggestion(Suggestion suggestion, Language language) {
        return switch (suggestion) {
            case Suggestion.StartStudying start -> messages.html(language, MessageKey.SUGGEST_START);
            case Suggestion.StudyMoreRegularly regularly -> messages.html(language, MessageKey.SUGGEST_REGULARITY,
                    regularly.activeDays(), regularly.periodDays());
            case Suggestion.ReviewCourse review -> messages.html(language, MessageKey.SUGGEST_REVIEW_COURSE,
                    Replies.shorten(review.course().title(), MAX_TITLE), Math.round(review.averageScore()));
            case Suggestion.KeepItUp keepItUp -> messages.html(language, MessageKey.SUGGEST_KEEP_IT_UP);
        };
    }

    private String course(CourseProgress course, Language language) {
        String title = Replies.shorten(course.course().title(), MAX_TITLE);
        long progress = Math.round(course.progressPercent());
        if (course.activities() == 0) {
            return messages.html(language, MessageKey.COURSE_LINE, title, progress);
        }
        if (course.averageScore().isEmpty()) {
            return messages.html(language, MessageKey.COURSE_LINE_ACTIVE, title, progress, course.activities());
        }
        return messages.html(language, MessageKey.COURSE_LINE_SCORED, title, progress, course.activities(),
                Math.round(course.averageScore().getAsDouble()));
    }

    private <T> void section(List<String> blocks, Language language, MessageKey title, List<T> items, int limit,
                             Function<T, String> line) {
        if (items.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(messages.html(language, title));
        for (T item : items.subList(0, Math.min(limit, items.size()))) {
            lines.add(messages.html(language, MessageKey.BULLET, new Markup(line.apply(item))));
        }
        if (items.size() > limit) {
            lines.add(messages.html(language, MessageKey.MORE_ITEMS, items.size() - limit));
        }
        blocks.add(String.join("\n", lines));
    }

    /**
     * The blocks that fit into one message, dropping from the end but one (courses go first, the verdict and the
     * closing subscription line never, when there is one).
     */
    private static String fit(List<String> blocks, boolean keepLast) {
        List<String> kept = new ArrayList<>(blocks);
        String text = String.join("\n\n", kept);
        int keep = keepLast ? 2 : 1;
        while (text.length() > Messenger.MAX_TEXT_LENGTH && kept.size() > keep) {
            kept.remove(kept.size() - keep);
            text = String.join("\n\n", kept);
        }
        return text;
    }
}
