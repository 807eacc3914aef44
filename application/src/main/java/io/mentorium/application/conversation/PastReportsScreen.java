package io.mentorium.application.conversation;

import io.mentorium.application.port.in.ViewPastReports;
import io.mentorium.application.port.in.ViewPastReports.PastReport;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.Language;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * "Past reports": the scheduled reports the bot sent this parent, most recent first, each a button that shows the
 * report again as it was sent. Only the parent's own history is ever looked at, so a forged button opens nothing.
 */
final class PastReportsScreen {

    /** As many as fit comfortably on a phone's screen as buttons. */
    static final int SHOWN = 10;

    private final ViewPastReports pastReports;
    private final Messages messages;

    PastReportsScreen(ViewPastReports pastReports, Messages messages) {
        this.pastReports = pastReports;
        this.messages = messages;
    }

    /** The button that leads here, shown under the progress report. */
    Button button(Language language) {
        return new Button(messages.plain(language, MessageKey.BUTTON_PAST_REPORTS),
                CallbackData.encode(new CallbackData.ShowPastReports()));
    }

    PressAnswer list(Turn turn) {
        Language language = turn.language();
        List<PastReport> recent = pastReports.recent(turn.parentId(), SHOWN);
        if (recent.isEmpty()) {
            return PressAnswer.of(new SendText(turn.chat(), messages.html(language, MessageKey.PAST_REPORTS_NONE)));
        }
        DateTimeFormatter day = messages.dateFormat(language, MessageKey.FORMAT_DAY);
        List<List<Button>> rows = recent.stream()
                .map(report -> List.of(new Button(label(report, day, language),
                        CallbackData.encode(new CallbackData.OpenPastReport(report.period(),
                                LearnerRef.of(report.learnerId()))))))
                .toList();
        return PressAnswer.of(new SendText(turn.chat(), messages.html(language, MessageKey.PAST_REPORTS_TITLE),
                new Keyboard.Inline(rows)));
    }

    PressAnswer open(Turn turn, CallbackData.OpenPastReport open) {
        List<PastReport> ofPeriod = pastReports.ofPeriod(turn.parentId(), open.period());
        Optional<LearnerId> learner = LearnerRef.resolve(open.ref(),
                ofPeriod.stream().map(PastReport::learnerId).toList());
        Optional<PastReport> report = learner.flatMap(id -> ofPeriod.stream()
                .filter(past -> past.learnerId().equals(id)).findFirst());
        if (report.isEmpty()) {
            // Purged by retention since the list was shown, or never this parent's.
            return PressAnswer.notice(messages.plain(turn.language(), MessageKey.PAST_REPORT_GONE));
        }
        return PressAnswer.of(new SendText(turn.chat(), report.get().text()));
    }

    private String label(PastReport report, DateTimeFormatter day, Language language) {
        MessageKey key = report.period().kind() == ReportKind.WEEKLY
                ? MessageKey.PAST_REPORT_WEEKLY
                : MessageKey.PAST_REPORT_MONTHLY;
        return messages.plain(language, key, Replies.shorten(report.learnerName(), ChildText.MAX_NAME),
                day.format(report.period().start()), day.format(report.period().lastDay()));
    }
}
