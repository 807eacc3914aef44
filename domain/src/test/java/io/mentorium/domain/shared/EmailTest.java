package io.mentorium.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

    private static final String DOMAIN = "@example.com";

    @Test
    void parseLowerCasesAndStripsWhatThePersonTyped() {
        assertThat(Email.parse("  Aziza.Karimova@Example.COM \t"))
                .hasValueSatisfying(email -> assertThat(email.value()).isEqualTo("aziza.karimova@example.com"));
    }

    @Test
    void twoSpellingsOfOneAddressAreEqual() {
        assertThat(new Email("AZIZA@example.com ")).isEqualTo(new Email("aziza@EXAMPLE.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b", "no-at", "a b@example.com", "aziza@exa mple.com", "aziza@@example.com",
            "@example.com", "aziza@", "aziza@example.c", "", "   "})
    void parseRejectsWhatDoesNotLookLikeAnAddress(String typed) {
        assertThat(Email.parse(typed)).isEmpty();
    }

    @Test
    void parseOfNullIsEmpty() {
        assertThat(Email.parse(null)).isEmpty();
    }

    @Test
    void addressOfExactlyMaxLengthIsAccepted() {
        String address = "a".repeat(Email.MAX_LENGTH - DOMAIN.length()) + DOMAIN;

        assertThat(address).hasSize(254);
        assertThat(Email.parse(address)).isPresent();
    }

    @Test
    void addressLongerThanMaxLengthIsRejected() {
        String address = "a".repeat(Email.MAX_LENGTH - DOMAIN.length() + 1) + DOMAIN;

        assertThat(address).hasSize(255);
        assertThat(Email.parse(address)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new Email(address));
    }

    @Test
    void surroundingSpacesDoNotCountTowardsTheLength() {
        String address = "a".repeat(Email.MAX_LENGTH - DOMAIN.length()) + DOMAIN;

        assertThat(Email.parse("  " + address + "  ")).isPresent();
    }

    @Test
    void constructorRejectsMalformedAddressWithoutLeakingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Email("secret.person@nowhere"))
                .withMessageNotContaining("secret.person");
    }

    @Test
    void constructorRejectsNull() {
        assertThatNullPointerException().isThrownBy(() -> new Email(null));
    }

    @Test
    void maskedHidesLocalPartAndDomainButKeepsFirstLastLettersAndTld() {
        Email email = new Email("aziza.karimova@example.com");

        assertThat(email.masked()).isEqualTo("a***a@e***.com");
        assertThat(email.masked()).doesNotContain("ziza", "karimova", "xample");
    }

    @Test
    void maskedOfShortLocalPartKeepsOnlyItsFirstLetter() {
        assertThat(new Email("ab@mail.uz").masked()).isEqualTo("a***@m***.uz");
        assertThat(new Email("a@mail.uz").masked()).isEqualTo("a***@m***.uz");
    }

    @Test
    void maskedKeepsOnlyTheLastDomainLabel() {
        assertThat(new Email("bobur@school.example.co.uk").masked()).isEqualTo("b***r@s***.uk");
    }

    @Test
    void maskedAddressesStayDistinguishable() {
        assertThat(new Email("aziza@example.com").masked()).isNotEqualTo(new Email("bobur@gmail.com").masked());
    }

    @Test
    void toStringIsMaskedAndNeverTheRawAddress() {
        Email email = new Email("aziza.karimova@example.com");

        assertThat(email.toString()).isEqualTo(email.masked()).doesNotContain(email.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-at", "@example.com"})
    void maskOfSomethingWithoutLocalPartIsOnlyStars(String raw) {
        assertThat(Email.mask(raw)).isEqualTo("***");
    }

    @Test
    void maskOfNullIsOnlyStars() {
        assertThat(Email.mask(null)).isEqualTo("***");
    }
}
