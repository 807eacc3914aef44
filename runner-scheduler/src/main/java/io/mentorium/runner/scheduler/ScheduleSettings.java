package io.mentorium.runner.scheduler;

import io.mentorium.application.config.Environment;
import java.text.ParseException;
import org.quartz.CronExpression;

/** When the report and notification jobs fire: Quartz cron expressions, read in {@code BOT_TIMEZONE}. */
record ScheduleSettings(String weeklyReportCron, String monthlyReportCron, String dailyNotificationsCron,
                        String subscriptionRemindersCron) {

    static final String DEFAULT_WEEKLY = "0 0 19 ? * SUN";
    static final String DEFAULT_MONTHLY = "0 0 19 L * ?";
    /** Daily at 18:00: after school, before the evening reports and well before the default quiet hours. */
    static final String DEFAULT_DAILY_NOTIFICATIONS = "0 0 18 * * ?";
    /** Daily at 10:00: a parent reminded in the morning can still renew the same day. */
    static final String DEFAULT_SUBSCRIPTION_REMINDERS = "0 0 10 * * ?";

    ScheduleSettings(String weeklyReportCron, String monthlyReportCron) {
        this(weeklyReportCron, monthlyReportCron, DEFAULT_DAILY_NOTIFICATIONS, DEFAULT_SUBSCRIPTION_REMINDERS);
    }

    static ScheduleSettings from(Environment env) {
        return new ScheduleSettings(cron(env, "WEEKLY_REPORT_CRON", DEFAULT_WEEKLY),
                cron(env, "MONTHLY_REPORT_CRON", DEFAULT_MONTHLY),
                cron(env, "DAILY_NOTIFICATIONS_CRON", DEFAULT_DAILY_NOTIFICATIONS),
                cron(env, "SUBSCRIPTION_REMINDERS_CRON", DEFAULT_SUBSCRIPTION_REMINDERS));
    }

    private static String cron(Environment env, String name, String defaultValue) {
        return env.parsed(name, defaultValue, value -> {
            try {
                CronExpression.validateExpression(value);
                return value;
            } catch (ParseException invalid) {
                throw new IllegalArgumentException(invalid.getMessage(), invalid);
            }
        }, "a Quartz cron expression (seconds minutes hours day-of-month month day-of-week) such as " + defaultValue);
    }
}
