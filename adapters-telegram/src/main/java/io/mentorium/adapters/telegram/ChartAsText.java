package io.mentorium.adapters.telegram;

import io.mentorium.application.port.out.Messenger;
import io.mentorium.domain.report.ReportChart;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart where it cannot be drawn: its caption, then one line per label with both periods' minutes, so the parent
 * still gets the comparison the picture would have shown.
 */
final class ChartAsText {

    private ChartAsText() {
    }

    static String of(Messenger.SendChart message) {
        ReportChart chart = message.chart();
        List<String> lines = new ArrayList<>();
        lines.add(message.caption());
        lines.add("");
        lines.add("<i>" + escape(chart.currentName()) + " / " + escape(chart.previousName()) + ", "
                + escape(chart.axisTitle()) + "</i>");
        for (int i = 0; i < chart.labels().size(); i++) {
            lines.add(escape(chart.labels().get(i)) + ": <b>" + chart.current().get(i) + "</b> / "
                    + chart.previous().get(i));
        }
        String text = String.join("\n", lines);
        // A caption is at most 1024 characters and a chart at most 31 short lines: far below a message's limit.
        return text.length() <= Messenger.MAX_TEXT_LENGTH ? text : message.caption();
    }

    private static String escape(String plain) {
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
