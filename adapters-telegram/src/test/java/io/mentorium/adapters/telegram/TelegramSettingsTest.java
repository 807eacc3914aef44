package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;

class TelegramSettingsTest {

    @Test
    void aLocalHttpUrlKeepsSchemeHostAndPort() {
        TelegramUrl url = settings("http://127.0.0.1:8081").telegramUrl();

        assertThat(url).isEqualTo(new TelegramUrl("http", "127.0.0.1", 8081, false));
    }

    @Test
    void anHttpsUrlWithoutPortUses443() {
        assertThat(settings("https://api.telegram.org").telegramUrl())
                .isEqualTo(new TelegramUrl("https", "api.telegram.org", 443, false));
    }

    @Test
    void aUrlWithAPathIsRefusedBecauseTheLibraryWouldDropIt() {
        assertThatThrownBy(() -> settings("https://proxy.example/telegram").telegramUrl())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/telegram");
    }

    @Test
    void theLongPollTimeoutDefaultsTo50SecondsAndCanBeShortenedForTests() {
        TelegramSettings settings = settings("http://127.0.0.1:8081");

        assertThat(settings.longPollTimeout()).isEqualTo(Duration.ofSeconds(50));
        assertThat(settings.withLongPollTimeout(Duration.ofSeconds(1)).longPollTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.toString()).doesNotContain("secret-key-part");
    }

    private static TelegramSettings settings(String url) {
        return new TelegramSettings(Optional.of("123456:secret-key-part-0123456789"), URI.create(url), 25);
    }
}
