package io.mentorium.domain.report;

import java.time.LocalDate;
import java.util.Set;

/** "Days without gaps": consecutive days with at least one activity, counted back from a day. */
public final class Streak {

    private Streak() {
    }

    /**
     * @param activeDays    the learner's active days, in the learner's own time zone
     * @param asOf          the day the streak is measured at
     * @param dayInProgress true when {@code asOf} is today: a day not yet over without activity does not break the
     *                      streak, it just does not count yet
     */
    public static int daysEndingAt(Set<LocalDate> activeDays, LocalDate asOf, boolean dayInProgress) {
        LocalDate day = asOf;
        if (!activeDays.contains(day)) {
            if (!dayInProgress) {
                return 0;
            }
            day = day.minusDays(1);
        }
        int streak = 0;
        while (activeDays.contains(day)) {
            streak++;
            day = day.minusDays(1);
        }
        return streak;
    }
}
