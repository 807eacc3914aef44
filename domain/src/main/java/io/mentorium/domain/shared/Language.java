package io.mentorium.domain.shared;

import java.util.Locale;
import java.util.Optional;

/** The languages the bot speaks. */
public enum Language {
    RU("ru"),
    UZ("uz"),
    EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Maps a code such as {@code ru}, {@code uz-Latn} or Telegram's {@code en-US} to a language, if we speak it. */
    public static Optional<Language> fromCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String primary = code.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        for (Language language : values()) {
            if (language.code.equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }
}
