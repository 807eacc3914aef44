package io.mentorium.runner.scheduler;

import io.mentorium.application.config.Environment;
import java.text.ParseException;
import org.quartz.CronExpression;

/** When the report jobs fire: Quartz cron expressions, read in {@code BOT_TIMEZONE}. */
record ScheduleSettings(String weeklyReportCron, String monthlyReportCron) {

    static final String DEFAULT_WEEKLY = "0 0 19 ? * SUN";
    static final String DEFAULT_MONTHLY = "0 0 19 L * ?";

    static ScheduleSettings from(Environment env) {
        return new ScheduleSettings(cron(env, "WEEKLY_REPORT_CRON", DEFAULT_WEEKLY),
                cron(env, "MONTHLY_REPORT_CRON", DEFAULT_MONTHLY));
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
