package io.mentorium.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EmailKeyTest {

    @Test
    void twoSpellingsOfOneAddressHaveOneKey() {
        assertThat(EmailKey.of(new Email(" Aziza@Example.COM"))).isEqualTo(EmailKey.of(new Email("aziza@example.com")));
    }

    @Test
    void differentAddressesHaveDifferentKeys() {
        assertThat(EmailKey.of(new Email("aziza@example.com"))).isNotEqualTo(EmailKey.of(new Email("aziz@example.com")));
    }

    @Test
    void keyIsSixtyFourHexDigitsAndHoldsNoPartOfTheAddress() {
        String key = EmailKey.of(new Email("aziza.karimova@example.com")).value();

        assertThat(key).matches("[0-9a-f]{64}").doesNotContain("aziza").doesNotContain("example");
    }

    @Test
    void keyIsNotThePlainHashOfTheAddress() {
        // sha256("aziza@example.com"): a key equal to it could be matched against any other plain hash of the address.
        assertThat(EmailKey.of(new Email("aziza@example.com")).value())
                .isNotEqualTo("2ad42abaf55268919cf67786df98dcb2d308575e7a8d75ea986023255d8e89b2");
    }

    @Test
    void anythingButSixtyFourLowerCaseHexDigitsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EmailKey("aziza@example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> new EmailKey("A".repeat(64)));
        assertThatIllegalArgumentException().isThrownBy(() -> new EmailKey("a".repeat(63)));
    }
}
