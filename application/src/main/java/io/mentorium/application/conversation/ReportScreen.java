package io.mentorium.application.conversation;

import io.mentorium.application.conversation.CallbackData.AddChild;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Progress report": this week's report for each child, one message per child, as text only (the scheduled reports
 * carry the charts); the last message has the button to the past reports.
 */
final class ReportScreen {

    private final BuildReport buildReport;
    private final ReportText reportText;
    private final Messages messages;
    private final PastReportsScreen pastReports;

    ReportScreen(BuildReport buildReport, ReportText reportText, Messages messages, PastReportsScreen pastReports) {
        this.buildReport = buildReport;
        this.reportText = reportText;
        this.messages = messages;
        this.pastReports = pastReports;
    }

    List<Outgoing> show(Turn turn) {
        Language language = turn.language();
        List<String> texts = new ArrayList<>();
        for (BuildReport.Outcome outcome : buildReport.buildForChildren(turn.parentId(), ReportKind.WEEKLY,
                Optional.empty())) {
            String text = switch (outcome) {
                case BuildReport.Outcome.Built built -> reportText.render(built.report(), language);
                case BuildReport.Outcome.LearnerUnavailable unavailable ->
                        messages.html(language, MessageKey.REPORT_LEARNER_UNAVAILABLE);
                case BuildReport.Outcome.PeriodNotStarted notStarted ->
                        messages.html(language, MessageKey.REPORT_PERIOD_NOT_STARTED);
                // Unlinked between reading the parent and building: nothing to say about that child.
                case BuildReport.Outcome.NotLinked notLinked -> null;
            };
            // Two unavailable children need one notice, not two identical ones.
            if (text != null && !texts.contains(text)) {
                texts.add(text);
            }
        }
        if (texts.isEmpty()) {
            Button add = new Button(messages.plain(language, MessageKey.BUTTON_ADD_CHILD),
                    CallbackData.encode(new AddChild()));
            return List.of(new SendText(turn.chat(), messages.html(language, MessageKey.REPORT_NO_CHILDREN),
                    new Keyboard.Inline(List.of(List.of(add)))));
        }
        List<Outgoing> replies = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            replies.add(i < texts.size() - 1
                    ? new SendText(turn.chat(), texts.get(i))
                    : new SendText(turn.chat(), texts.get(i),
                            new Keyboard.Inline(List.of(List.of(pastReports.button(language))))));
        }
        return List.copyOf(replies);
    }
}
