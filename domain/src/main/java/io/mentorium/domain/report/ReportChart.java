package io.mentorium.domain.report;

import java.util.List;
import java.util.Objects;

/**
 * What a report's chart shows, as data: a title, one label per bar group and two series of minutes (this period and
 * the previous one), all words already in the parent's language. It travels through the outbox as a few hundred bytes
 * and is drawn only when it is sent, so that queueing a large report run costs no rendering.
 *
 * @param title        the chart's heading
 * @param axisTitle    what the numbers are (minutes)
 * @param labels       one per group of bars: weekdays, or the weeks of a month
 * @param currentName  the legend of {@code current}
 * @param previousName the legend of {@code previous}
 */
public record ReportChart(String title, String axisTitle, List<String> labels, String currentName,
                          List<Integer> current, String previousName, List<Integer> previous) {

    /** More groups than a month has days is not a report chart. */
    public static final int MAX_LABELS = 31;
    /** Bounds the stored size whatever a learner's name is. */
    public static final int MAX_TEXT = 200;

    public ReportChart {
        requireText(title, "title");
        requireText(axisTitle, "axisTitle");
        requireText(currentName, "currentName");
        requireText(previousName, "previousName");
        labels = List.copyOf(labels);
        current = List.copyOf(current);
        previous = List.copyOf(previous);
        if (labels.isEmpty() || labels.size() > MAX_LABELS) {
            throw new IllegalArgumentException("a chart has 1-" + MAX_LABELS + " labels, not " + labels.size());
        }
        if (current.size() != labels.size() || previous.size() != labels.size()) {
            throw new IllegalArgumentException("each series needs one value per label");
        }
        labels.forEach(label -> requireText(label, "label"));
        if (current.stream().anyMatch(value -> value < 0) || previous.stream().anyMatch(value -> value < 0)) {
            throw new IllegalArgumentException("minutes cannot be negative");
        }
    }

    private static void requireText(String text, String what) {
        Objects.requireNonNull(text, what);
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " must be 1-" + MAX_TEXT + " characters");
        }
    }
}
