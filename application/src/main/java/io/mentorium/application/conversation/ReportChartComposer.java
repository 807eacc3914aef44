package io.mentorium.application.conversation;

import io.mentorium.domain.report.Report;
import io.mentorium.domain.report.ReportChart;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.Language;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A report's chart in the parent's language: a weekly report compares minutes per day with the week before, a monthly
 * one minutes per week of the month (days 1–7, 8–14, …) with the same weeks of the month before. Only figures the
 * report holds are shown.
 */
public final class ReportChartComposer {

    private static final int DAYS_PER_WEEK = 7;

    private final Messages messages;

    @Inject
    public ReportChartComposer(Messages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    public ReportChart chart(Report report, Language language) {
        String name = Replies.shorten(report.learner().fullName(), ChildText.MAX_NAME);
        if (report.period().kind() == ReportKind.WEEKLY) {
            List<String> weekdays = List.of(messages.plain(language, MessageKey.CHART_WEEKDAYS).split("/"));
            return new ReportChart(messages.plain(language, MessageKey.CHART_TITLE_WEEKLY, name),
                    messages.plain(language, MessageKey.CHART_AXIS_MINUTES), weekdays,
                    messages.plain(language, MessageKey.CHART_THIS_WEEK), report.minutesByDay(),
                    messages.plain(language, MessageKey.CHART_LAST_WEEK), report.previousMinutesByDay());
        }
        List<Integer> current = weekly(report.minutesByDay());
        List<Integer> previous = weekly(report.previousMinutesByDay());
        List<String> labels = new ArrayList<>();
        for (int week = 0; week < current.size(); week++) {
            int first = week * DAYS_PER_WEEK + 1;
            int last = Math.min(first + DAYS_PER_WEEK - 1, report.minutesByDay().size());
            labels.add(messages.plain(language, MessageKey.CHART_DAYS_OF_MONTH, first, last));
        }
        // The month before may be shorter (its fifth "week" has fewer days or none: nothing was studied on days it
        // did not have) or longer (its days past this month's end have no bar to stand next to).
        List<Integer> aligned = new ArrayList<>(current.size());
        for (int week = 0; week < current.size(); week++) {
            aligned.add(week < previous.size() ? previous.get(week) : 0);
        }
        return new ReportChart(messages.plain(language, MessageKey.CHART_TITLE_MONTHLY, name),
                messages.plain(language, MessageKey.CHART_AXIS_MINUTES), labels,
                messages.plain(language, MessageKey.CHART_THIS_MONTH), current,
                messages.plain(language, MessageKey.CHART_LAST_MONTH), aligned);
    }

    /** The short caption under the photo; the report itself goes as the message before it. */
    public String caption(Report report, Language language) {
        MessageKey key = report.period().kind() == ReportKind.WEEKLY
                ? MessageKey.CHART_CAPTION_WEEKLY
                : MessageKey.CHART_CAPTION_MONTHLY;
        return messages.html(language, key, Replies.shorten(report.learner().fullName(), ChildText.MAX_NAME));
    }

    private static List<Integer> weekly(List<Integer> days) {
        List<Integer> weeks = new ArrayList<>();
        for (int start = 0; start < days.size(); start += DAYS_PER_WEEK) {
            weeks.add(days.subList(start, Math.min(start + DAYS_PER_WEEK, days.size())).stream()
                    .mapToInt(Integer::intValue).sum());
        }
        return weeks;
    }
}
