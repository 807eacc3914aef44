package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenScrubberTest {

    private final TokenScrubber scrubber = new TokenScrubber("123456:AAsecret_key-0123456789");

    @Test
    void theTokenIsMaskedPlainOrUrlEncoded() {
        String text = scrubber.scrub("POST https://api.telegram.org/bot123456:AAsecret_key-0123456789/sendmessage and "
                + "bot123456%3AAAsecret_key-0123456789");

        assertThat(text).doesNotContain("AAsecret").contains("123456:***");
    }

    @Test
    void anotherTokenInAUrlIsMaskedToo() {
        assertThat(scrubber.scrub("http://h/bot999:OtherKey_abc/getupdates")).isEqualTo("http://h/bot***/getupdates");
    }

    @Test
    void nullBecomesEmpty() {
        assertThat(scrubber.scrub(null)).isEmpty();
    }
}
