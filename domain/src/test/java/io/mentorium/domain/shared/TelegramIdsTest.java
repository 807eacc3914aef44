package io.mentorium.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** {@link TelegramUserId} and {@link ChatId}: the two Telegram numbers the domain keeps. */
class TelegramIdsTest {

    @Test
    void userIdMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TelegramUserId(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new TelegramUserId(-5));
        assertThat(new TelegramUserId(42)).hasToString("42");
    }

    @Test
    void userIdsCompareByNumber() {
        assertThat(new TelegramUserId(7)).isLessThan(new TelegramUserId(10));
    }

    @Test
    void chatIdMayBeNegativeForGroupsButNeverZero() {
        assertThat(new ChatId(-100123).value()).isEqualTo(-100123);
        assertThatIllegalArgumentException().isThrownBy(() -> new ChatId(0));
        assertThat(new ChatId(42)).hasToString("42");
    }
}
