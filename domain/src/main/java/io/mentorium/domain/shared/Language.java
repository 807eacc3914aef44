package io.mentorium.domain.shared;

import java.util.Locale;
import java.util.Optional;

/** The languages the bot speaks. */
public enum Language {
    RU("ru"),
    UZ("uz"),
    EN("en");

    private final String code;
    /** Built once: a language tag is parsed anew by every {@code Locale.forLanguageTag}, and every text asks. */
    private final Locale locale;

    Language(String code) {
        this.code = code;
        this.locale = Locale.forLanguageTag(code);
    }

    public String code() {
        return code;
    }

    /** Maps a code such as {@code ru}, {@code uz-Latn} or Telegram's {@code en-US} to a language, if we speak it. */
    public static Optional<Language> fromCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String tag = code.strip();
        int end = 0;
        while (end < tag.length() && tag.charAt(end) != '-' && tag.charAt(end) != '_') {
            end++;
        }
        // Read for every update (the sender's language), so no regex split here.
        String primary = tag.substring(0, end).toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.code.equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    public Locale locale() {
        return locale;
    }
}
