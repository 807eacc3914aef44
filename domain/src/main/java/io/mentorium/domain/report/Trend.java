package io.mentorium.domain.report;

import java.util.OptionalDouble;

/**
 * How a period compares with the one before it. When the current period is still running, the previous one is cut to
 * the same number of days so that a Wednesday is not compared with a whole week.
 */
public record Trend(int lessonsDelta, int minutesDelta, int activeDaysDelta, OptionalDouble averageScoreDelta,
                    Direction direction) {

    public enum Direction {
        UP,
        DOWN,
        FLAT,
        /** Nothing happened in the previous period, so there is nothing to compare with. */
        NO_BASELINE
    }

    // A change of less than a tenth in study time is noise, not a trend.
    private static final double FLAT_TOLERANCE = 0.10;

    public static Trend between(ReportMetrics previous, ReportMetrics current) {
        OptionalDouble scoreDelta = previous.averageScore().isPresent() && current.averageScore().isPresent()
                ? OptionalDouble.of(current.averageScore().getAsDouble() - previous.averageScore().getAsDouble())
                : OptionalDouble.empty();
        Direction direction;
        if (previous.isEmpty()) {
            direction = Direction.NO_BASELINE;
        } else {
            double base = Math.max(previous.minutes(), 1);
            double change = (current.minutes() - previous.minutes()) / base;
            direction = Math.abs(change) < FLAT_TOLERANCE ? Direction.FLAT : change > 0 ? Direction.UP : Direction.DOWN;
        }
        return new Trend(current.lessonsCompleted() - previous.lessonsCompleted(),
                current.minutes() - previous.minutes(), current.activeDays() - previous.activeDays(), scoreDelta,
                direction);
    }
}
