package io.mentorium.application.conversation;

import io.mentorium.application.assistant.Intents;
import io.mentorium.domain.shared.Language;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * "Да", "ha", "yes, that's her" or "нет, не он" typed instead of pressing Yes or No: people answer a question in
 * words, and older clients and the console show the buttons as text. The words of all three languages count in any
 * chat ({@link MessageKey#YES_WORDS}, {@link MessageKey#NO_WORDS}). Only a short message that starts with one of them
 * and holds no word of the other answer is read as an answer; anything else is asked again.
 */
final class TypedAnswer {

    /** The answer a typed message gives to a yes-or-no question. */
    enum Answer { YES, NO, UNCLEAR }

    /** Longer than a yes or no with a few words after it: such a text is no answer. */
    static final int MAX_WORDS = 6;

    private final Set<String> yes = new HashSet<>();
    private final Set<String> no = new HashSet<>();

    TypedAnswer(Messages messages) {
        // Read the way a parent's text is: apostrophes go, so the bundle's "yoq" is what "yoʻq" and "yo'q" become.
        for (Language language : Language.values()) {
            yes.addAll(Intents.words(messages.plain(language, MessageKey.YES_WORDS)));
            no.addAll(Intents.words(messages.plain(language, MessageKey.NO_WORDS)));
        }
    }

    Answer of(String text) {
        if (text == null || text.length() > Registration.MAX_TYPED) {
            return Answer.UNCLEAR;
        }
        List<String> words = Intents.words(text);
        if (words.isEmpty() || words.size() > MAX_WORDS) {
            return Answer.UNCLEAR;
        }
        String first = words.getFirst();
        if (yes.contains(first) && words.stream().noneMatch(no::contains)) {
            return Answer.YES;
        }
        if (no.contains(first) && words.stream().noneMatch(yes::contains)) {
            return Answer.NO;
        }
        return Answer.UNCLEAR;
    }
}
