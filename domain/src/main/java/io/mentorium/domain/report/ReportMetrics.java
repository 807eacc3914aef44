package io.mentorium.domain.report;

import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import java.time.ZoneId;
import java.util.Collection;
import java.util.OptionalDouble;

/**
 * The figures of one stretch of days.
 *
 * @param averageScore mean of the scored activities, empty when nothing was scored
 */
public record ReportMetrics(int activities, int lessonsCompleted, int minutes, OptionalDouble averageScore,
                            int activeDays) {

    public static final ReportMetrics EMPTY = new ReportMetrics(0, 0, 0, OptionalDouble.empty(), 0);

    public ReportMetrics {
        if (activities < 0 || lessonsCompleted < 0 || minutes < 0 || activeDays < 0) {
            throw new IllegalArgumentException("metrics cannot be negative");
        }
    }

    /** Figures of exactly the given facts; the caller decides which days they cover. */
    public static ReportMetrics of(Collection<ActivityFact> facts, ZoneId zone) {
        int lessons = 0;
        long seconds = 0;
        double scoreSum = 0;
        int scored = 0;
        for (ActivityFact fact : facts) {
            if (fact.kind() == ActivityKind.LESSON_COMPLETED) {
                lessons++;
            }
            seconds += fact.durationSeconds();
            if (fact.score().isPresent()) {
                scoreSum += fact.score().getAsDouble();
                scored++;
            }
        }
        int days = (int) facts.stream().map(fact -> fact.dayIn(zone)).distinct().count();
        OptionalDouble average = scored == 0 ? OptionalDouble.empty() : OptionalDouble.of(scoreSum / scored);
        return new ReportMetrics(facts.size(), lessons, (int) (seconds / 60), average, days);
    }

    public boolean isEmpty() {
        return activities == 0;
    }
}
