package io.mentorium.runner.scheduler;

import java.util.List;
import java.util.Optional;

/**
 * The scheduler's jobs, when each fires and what happens to a run that was missed (every scheduler down, or the
 * database unreachable, for longer than Quartz's misfire threshold of 60 s). All crons are read in {@code BOT_TIMEZONE}.
 */
final class JobCatalog {

    static final String WEEKLY_REPORTS = "weekly-reports";
    static final String MONTHLY_REPORTS = "monthly-reports";
    static final String DAILY_NOTIFICATIONS = "daily-notifications";
    static final String SUBSCRIPTION_REMINDERS = "subscription-reminders";
    static final String RETENTION = "retention";

    static final List<String> NAMES = List.of(WEEKLY_REPORTS, MONTHLY_REPORTS, DAILY_NOTIFICATIONS,
            SUBSCRIPTION_REMINDERS, RETENTION);

    /** Hourly, on the hour; fixed, like the bot's retention timer it replaces. */
    static final String RETENTION_CRON = "0 0 * * * ?";

    /** What Quartz does with a missed fire time. */
    enum Misfire {
        /**
         * Run once as soon as a scheduler is back, however many fire times were missed. For work that must not be
         * skipped and is idempotent per period or event, so a late run neither loses nor doubles anything: reports,
         * notifications, reminders.
         */
        FIRE_ONCE_NOW,
        /**
         * Skip the missed run and wait for the next fire time. For the hourly retention purge: the next run purges
         * everything the missed one would have, and a catch-up right at start-up would only compete with it.
         */
        SKIP_TO_NEXT
    }

    record Job(String name, String cron, Misfire misfire, String description) {
    }

    private JobCatalog() {
    }

    static List<Job> jobs(ScheduleSettings schedule) {
        return List.of(
                new Job(WEEKLY_REPORTS, schedule.weeklyReportCron(), Misfire.FIRE_ONCE_NOW,
                        "Weekly reports to every parent who wants them"),
                new Job(MONTHLY_REPORTS, schedule.monthlyReportCron(), Misfire.FIRE_ONCE_NOW,
                        "Monthly reports to every parent who wants them"),
                new Job(DAILY_NOTIFICATIONS, schedule.dailyNotificationsCron(), Misfire.FIRE_ONCE_NOW,
                        "Achievements, missed days and the weekly tip about every parent's children"),
                new Job(SUBSCRIPTION_REMINDERS, schedule.subscriptionRemindersCron(), Misfire.FIRE_ONCE_NOW,
                        "Subscription ends in 3 days, has ended, grace ends"),
                new Job(RETENTION, RETENTION_CRON, Misfire.SKIP_TO_NEXT,
                        "Deletes what the bot no longer needs to keep"));
    }

    static Optional<Job> find(ScheduleSettings schedule, String name) {
        return jobs(schedule).stream().filter(job -> job.name().equals(name)).findFirst();
    }
}
