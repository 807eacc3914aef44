package io.mentorium.application.conversation;

import io.mentorium.application.assistant.Intents;
import io.mentorium.domain.shared.Language;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A language typed instead of pressed at the first prompt ("English", "Русский", "o'zbekcha", "на русском", "uz"):
 * people type what the buttons say, and older clients and the console show the buttons as text. Only a message that
 * is nothing but a language's name ({@link MessageKey#LANGUAGE_WORDS}), give or take words such as "язык" or "tili"
 * ({@link MessageKey#LANGUAGE_FILLER}), counts: a sentence that mentions a language is no choice.
 */
final class TypedLanguage {

    /** Longer than any way of naming a language here: such a text is not read. */
    static final int MAX_LENGTH = 40;

    private final Map<String, Language> names = new HashMap<>();
    private final Set<String> filler;

    TypedLanguage(Messages messages) {
        for (Language language : Language.values()) {
            for (String word : messages.words(language, MessageKey.LANGUAGE_WORDS)) {
                names.put(word, language);
            }
        }
        this.filler = messages.wordsInAnyLanguage(MessageKey.LANGUAGE_FILLER);
    }

    Optional<Language> named(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        List<String> words = Intents.words(text).stream().filter(word -> !filler.contains(word)).toList();
        return words.size() == 1 ? Optional.ofNullable(names.get(words.getFirst())) : Optional.empty();
    }
}
