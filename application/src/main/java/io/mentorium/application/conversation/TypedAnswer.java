package io.mentorium.application.conversation;

import io.mentorium.application.assistant.Intents;
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

    private final Set<String> yes;
    private final Set<String> no;

    TypedAnswer(Messages messages) {
        this.yes = messages.wordsInAnyLanguage(MessageKey.YES_WORDS);
        this.no = messages.wordsInAnyLanguage(MessageKey.NO_WORDS);
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
