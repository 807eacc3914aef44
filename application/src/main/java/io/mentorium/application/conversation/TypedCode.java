package io.mentorium.application.conversation;

import io.mentorium.domain.learner.LinkCode;
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
    /** The longest group of a code typed in groups ("4815 1623"). */
    private static final int GROUP = 6;

    private final Set<String> codeWords;
    private final TypedAnswer typedAnswer;

    TypedCode(Messages messages, TypedAnswer typedAnswer) {
        this.codeWords = messages.wordsInAnyLanguage(MessageKey.CODE_WORDS);
        this.typedAnswer = typedAnswer;
    }

    /**
     * One word of letters, digits and dashes with a digit in it, four characters or more ("640927", "AZIZ-7K2Q"):
     * typed outside the linking flow, nothing but a link code looks like that.
     */
    static boolean looksLikeALoneCode(String text) {
        String typed = text.strip();
        return typed.length() >= 4 && typed.length() <= LinkCode.MAX_LENGTH
                && typed.chars().anyMatch(Character::isDigit)
                && typed.chars().allMatch(TypedCode::codeCharacter);
    }

    /** A letter, a digit or a dash: what codes are made of. */
    private static boolean codeCharacter(int c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.DASH_PUNCTUATION;
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
        if (typed.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return true; // "🙂", "?", "..."
        }
        List<String> parts = parts(typed);
        if (parts.size() >= SENTENCE && !saysCode(parts) && !grouped(parts)) {
            return true;
        }
        if (typed.chars().anyMatch(Character::isDigit)) {
            return false;
        }
        return parts.size() > 1 || oneWord(typed) && typedAnswer.of(typed) != TypedAnswer.Answer.UNCLEAR;
    }

    /**
     * "48 15 16", "AZIZ – 7K2Q", "aziz – 7k2q": a code typed in groups, as it is shown or read aloud. Every group is
     * short, of letters, digits or a dash, one has a digit, and a group of letters alone is in capitals unless a dash
     * stands between the groups and a group mixes letters and digits ("I have 2 kids - help" is a sentence).
     */
    private static boolean grouped(List<String> parts) {
        return grouped(parts, dashed(parts));
    }

    private static boolean grouped(List<String> parts, boolean dashed) {
        return parts.stream().anyMatch(part -> part.chars().anyMatch(Character::isDigit))
                && parts.stream().allMatch(part -> group(part, dashed));
    }

    /** A dash on its own between groups and a group of letters and digits: "aziz – 7k2q". */
    private static boolean dashed(List<String> parts) {
        return parts.stream().anyMatch(part -> part.chars().allMatch(c -> Character.getType(c)
                == Character.DASH_PUNCTUATION))
                && parts.stream().anyMatch(part -> part.chars().anyMatch(Character::isLetter)
                        && part.chars().anyMatch(Character::isDigit));
    }

    private static boolean group(String part, boolean lettersInAnyCase) {
        return part.length() <= GROUP
                && part.chars().allMatch(TypedCode::codeCharacter)
                && (part.length() == 1 || lettersInAnyCase || !part.chars().allMatch(Character::isLetter)
                        || part.chars().allMatch(Character::isUpperCase));
    }

    private boolean saysCode(List<String> parts) {
        return parts.stream().anyMatch(this::codeWord);
    }

    private boolean codeWord(String part) {
        String lower = part.toLowerCase(Locale.ROOT);
        return codeWords.stream().anyMatch(lower::startsWith);
    }

    /**
     * The code in "код 908172", "My code is 908172" or "Kodim: 908172": the one word with a digit, when another word
     * says "code" and no other word has a digit; or the groups that end the text after that word ("Код: 908 172").
     * Checking the whole sentence would cost an attempt on a right code; anything else is checked as typed, since
     * codes have no fixed shape.
     */
    private String codeIn(String text) {
        String typed = text.strip();
        List<String> parts = parts(typed);
        if (parts.size() < 2 || !saysCode(parts)) {
            return typed;
        }
        // "Код: 48 15 16", "My code is AZIZ 7K2Q.": the groups that end the text, after the word that says "code".
        List<String> groups = new ArrayList<>();
        boolean dashed = dashed(parts);
        for (int i = parts.size() - 1; i >= 0 && !codeWord(parts.get(i)); i--) {
            String part = trimPunctuation(parts.get(i));
            if (!part.isEmpty() && !group(part, dashed)) {
                break;
            }
            if (!part.isEmpty()) {
                groups.addFirst(part);
            }
        }
        if (groups.size() > 1 && grouped(groups, dashed)) {
            return String.join("", groups); // codes are compared without their spaces anyway
        }
        List<String> withDigits = parts.stream().filter(part -> part.chars().anyMatch(Character::isDigit)).toList();
        return withDigits.size() == 1 ? trimPunctuation(withDigits.getFirst()) : typed;
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
