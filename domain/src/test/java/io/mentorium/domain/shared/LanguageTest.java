package io.mentorium.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTest {

    @ParameterizedTest
    @CsvSource({"en-US, EN", "uz, UZ", "UZ-Latn, UZ", "uz-Cyrl, UZ", "ru, RU", "ru_RU, RU", "RU, RU", "' en ', EN"})
    void fromCodeMapsTheLanguagePartOfATag(String code, Language expected) {
        assertThat(Language.fromCode(code)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "de-DE", "english", "e", "   ", "-en"})
    void fromCodeOfALanguageWeDoNotSpeakIsEmpty(String code) {
        assertThat(Language.fromCode(code)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void fromCodeOfNothingIsEmpty(String code) {
        assertThat(Language.fromCode(code)).isEmpty();
    }

    @Test
    void codeAndLocaleAreTheTwoLetterTag() {
        assertThat(Language.UZ.code()).isEqualTo("uz");
        assertThat(Language.RU.locale()).isEqualTo(Locale.forLanguageTag("ru"));
        assertThat(Language.EN.locale().getLanguage()).isEqualTo("en");
    }
}
