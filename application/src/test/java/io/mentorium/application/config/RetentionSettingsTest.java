package io.mentorium.application.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionSettingsTest {

    @Test
    void anEmptyEnvironmentKeepsHandledUpdatesADayAndSentMessagesAWeek() {
        Environment env = new Environment(Map.of());

        RetentionSettings settings = RetentionSettings.from(env);

        assertThat(env.problems()).isEmpty();
        assertThat(settings).isEqualTo(RetentionSettings.DEFAULT);
        assertThat(settings.inboxWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.outboxWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.dialogWindow()).isEqualTo(Duration.ofDays(30));
        assertThat(settings.questionsWindow()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void windowsAreReadInHoursAndDays() {
        Environment env = new Environment(Map.of("RETENTION_INBOX_HOURS", "48", "RETENTION_OUTBOX_DAYS", "30",
                "RETENTION_DIALOG_DAYS", "365", "RETENTION_QUESTIONS_DAYS", "1", "RETENTION_EVENTS_DAYS", "730"));

        RetentionSettings settings = RetentionSettings.from(env);

        assertThat(env.problems()).isEmpty();
        assertThat(settings).isEqualTo(new RetentionSettings(Duration.ofHours(48), Duration.ofDays(30),
                Duration.ofDays(365), Duration.ofDays(1), Duration.ofDays(730)));
    }

    @Test
    void everyWrongValueIsReportedWithItsVariableAndWhy() {
        Environment env = new Environment(Map.of("RETENTION_INBOX_HOURS", "0", "RETENTION_OUTBOX_DAYS", "a week"));

        RetentionSettings.from(env);

        assertThat(env.problems()).extracting(ConfigProblem::variable)
                .containsExactly("RETENTION_INBOX_HOURS", "RETENTION_OUTBOX_DAYS");
        assertThat(env.problems()).extracting(ConfigProblem::message)
                .containsExactly("must be between 1 and 720, got 0", "must be a whole number between 1 and 90, got 'a week'");
    }

    @Test
    void dialogAndQuestionWindowsAreValidatedWithTheirVariables() {
        Environment env = new Environment(Map.of("RETENTION_DIALOG_DAYS", "366", "RETENTION_QUESTIONS_DAYS", "0"));

        RetentionSettings.from(env);

        assertThat(env.problems()).extracting(ConfigProblem::variable)
                .containsExactly("RETENTION_DIALOG_DAYS", "RETENTION_QUESTIONS_DAYS");
        assertThat(env.problems()).extracting(ConfigProblem::message)
                .containsExactly("must be between 1 and 365, got 366", "must be between 1 and 90, got 0");
    }

    @Test
    void aMonthOfUpdatesIsTheLongestTheInboxMayKeep() {
        Environment env = new Environment(Map.of("RETENTION_INBOX_HOURS", "721"));

        RetentionSettings.from(env);

        assertThat(env.problems()).singleElement().extracting(ConfigProblem::variable)
                .isEqualTo("RETENTION_INBOX_HOURS");
    }

    @Test
    void windowsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RetentionSettings(Duration.ZERO, Duration.ofDays(1),
                Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new RetentionSettings(Duration.ofDays(1),
                Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(-1), Duration.ofDays(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new RetentionSettings(Duration.ofDays(1),
                Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), Duration.ZERO));
    }
}
