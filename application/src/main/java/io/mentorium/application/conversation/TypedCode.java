package io.mentorium.application.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a parent typed at the link-code step, read as the code to check or as no code at all. Checking costs the family
 * one of its few attempts an hour, so a text nobody meant as a code is not checked, and a right code typed in a
 * sentence is checked on its own. Codes have no fixed shape in the platform's contract: only what no code looks like
 * is kept back.
 */
final class TypedCode {

    /** Words enough to be a sentence rather than a code with a space in it. */
    private static final int SENTENCE = 3;

    private final Set<String> codeWords;
    private final TypedAnswer typedAnswer;

    TypedCode(Messages messages, TypedAnswer typedAnswer) {
        this.codeWords = messages.wordsInAnyLanguage(MessageKey.CODE_WORDS);
        this.typedAnswer = typedAnswer;
    }

    /** The code to check; empty when the text is no code. */
    Optional<String> read(String text) {
        return notACode(text) ? Optional.empty() : Optional.of(codeIn(text));
    }

    /**
     * A sentence without a digit ("где найти код?"), one of three words or more that does not say "code" ("Soat 22 dan
     * keyin yozmang"), or a yes or no typed after the question was answered: checking it would cost the family one of
     * its few attempts an hour for a text nobody meant as a code. Codes have no fixed shape in the platform's contract,
     * so only what no code looks like is kept back: a word, or two with a digit, is checked.
     */
    private boolean notACode(String text) {
        String typed = text.strip();
        List<String> parts = parts(typed);
        if (parts.size() >= SENTENCE && !saysCode(parts)) {
            return true;
        }
        if (typed.chars().anyMatch(Character::isDigit)) {
            return false;
        }
        return parts.size() > 1 || oneWord(typed) && typedAnswer.of(typed) != TypedAnswer.Answer.UNCLEAR;
    }

    private boolean saysCode(List<String> parts) {
        return parts.stream().map(part -> part.toLowerCase(Locale.ROOT))
                .anyMatch(part -> codeWords.stream().anyMatch(part::startsWith));
    }

    /**
     * The code in "код 908172", "My code is 908172" or "Kodim: 908172": the one word with a digit, when another word
     * says "code" and no other word has a digit. Checking the whole sentence would cost an attempt on a right code;
     * anything else is checked as typed, since codes have no fixed shape.
     */
    private String codeIn(String text) {
        String typed = text.strip();
        List<String> parts = parts(typed);
        List<String> withDigits = parts.stream().filter(part -> part.chars().anyMatch(Character::isDigit)).toList();
        if (parts.size() < 2 || withDigits.size() != 1) {
            return typed;
        }
        return saysCode(parts) ? trimPunctuation(withDigits.getFirst()) : typed;
    }

    /** The text's runs of characters between white space. */
    private static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || Character.isWhitespace(text.charAt(i));
            if (space && start >= 0) {
                parts.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return parts;
    }

    /** "908172." or "«908172»": the marks around a word are the sentence's, not the code's. */
    private static String trimPunctuation(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !Character.isLetterOrDigit(word.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(start, end);
    }

    /** Letters, apostrophes and a full stop or so: "WRONG-CODE" or "no_1" are no word but could be codes. */
    private static boolean oneWord(String typed) {
        return typed.codePoints().allMatch(c -> Character.isLetter(c) || switch (Character.getType(c)) {
            case Character.OTHER_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.MODIFIER_SYMBOL -> true;
            default -> false;
        });
    }
}
