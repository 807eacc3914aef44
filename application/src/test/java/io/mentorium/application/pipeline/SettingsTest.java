package io.mentorium.application.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void backoffDoublesFromTheFirstWaitUpToItsCap() {
        Backoff backoff = RelaySettings.telegram(25).backoff();

        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.after(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(1_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void telegramDefaultsFollowTheDocumentedLimits() {
        RelaySettings settings = RelaySettings.telegram(25);

        assertThat(settings.globalPerSecond()).isEqualTo(25);
        assertThat(settings.perChatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.perChatBurst()).isEqualTo(3);
        assertThat(settings.maxAttempts()).isEqualTo(10);
    }

    @Test
    void relaySettingsRefuseLimitsThatCannotWork() {
        assertThatThrownBy(() -> RelaySettings.telegram(0)).hasMessageContaining("globalPerSecond");
        assertThatThrownBy(() -> new RelaySettings(25, Duration.ZERO, 3, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5))).hasMessageContaining("perChatInterval");
        assertThatThrownBy(() -> new RelaySettings(25, Duration.ofSeconds(1), 3, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5))).hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> new RelaySettings(25, Duration.ofSeconds(1), 3, 64, Duration.ofSeconds(10),
                Duration.ofSeconds(1), 10, Duration.ofSeconds(5))).hasMessageContaining("retryMax");
    }

    @Test
    void workerSettingsRefuseAZeroWait() {
        assertThatThrownBy(() -> new WorkerSettings(Duration.ZERO, Duration.ofSeconds(4), Duration.ofMillis(200),
                Duration.ofSeconds(30))).hasMessageContaining("typingAfter");
        assertThat(WorkerSettings.DEFAULTS.typingAfter()).isEqualTo(Duration.ofMillis(300));
    }
}
