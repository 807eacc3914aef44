package io.mentorium.runner.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MentoriumSchedulerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return MentoriumScheduler.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpNamesEveryJob() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(MentoriumScheduler.JOBS);
    }

    @Test
    void anInvalidCronIsAConfigurationErrorNamingTheVariable() {
        int exit = run(Map.of("TELEGRAM_BOT_TOKEN", "123456789:AAE_secretsecretsecretsecretsecret1",
                "WEEKLY_REPORT_CRON", "every sunday"), "check-config");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("WEEKLY_REPORT_CRON", "Quartz cron expression")
                .doesNotContain("secretsecret");
    }

    @Test
    void theContractDefaultsAreValid() {
        int exit = run(Map.of("TELEGRAM_BOT_TOKEN", "123456789:AAE_secretsecretsecretsecretsecret1"), "check-config");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 0 19 ? * SUN", "0 0 19 L * ?", "Asia/Tashkent");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("daily-notifications:    0 0 18 * * ?", "subscription-reminders: 0 0 10 * * ?");
    }

    @Test
    void the_notification_crons_are_configurable_and_validated() {
        int exit = run(Map.of("TELEGRAM_BOT_TOKEN", "123456789:AAE_secretsecretsecretsecretsecret1",
                "DAILY_NOTIFICATIONS_CRON", "0 30 17 * * ?", "SUBSCRIPTION_REMINDERS_CRON", "at ten"), "check-config");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("SUBSCRIPTION_REMINDERS_CRON")
                .doesNotContain("DAILY_NOTIFICATIONS_CRON");
    }

    @Test
    void triggerTakesOnlyTheQueueOnlyOptionAfterItsJob() {
        assertThat(run(Map.of(), "trigger", "weekly-reports", "--deliver-twice")).isEqualTo(2);
        assertThat(run(Map.of(), "trigger", "--queue-only", "weekly-reports")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--queue-only");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("trigger JOB [--queue-only]");
    }

    @Test
    void triggerRejectsAnUnknownJob() {
        assertThat(run(Map.of(), "trigger", "yearly-reports")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("weekly-reports");
    }
}
