package io.mentorium.application.assistant;

import java.util.regex.Pattern;

/**
 * What a parent typed may carry what the model must never see: an e-mail, a link code, a phone or account number.
 * They are replaced by placeholders before a question (or an earlier one in the history) goes to the model; the
 * stored dialog keeps the parent's words.
 */
final class PromptPrivacy {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"'(),;:]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    /** The platform's link codes look like {@code AZIZ-7K2Q}: letters, a dash, letters and digits. */
    private static final Pattern CODE = Pattern.compile("\\b[A-Za-z]{2,10}-[A-Za-z0-9]*\\d[A-Za-z0-9]*\\b");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\+?\\d[\\d -]{5,}\\d");

    private PromptPrivacy() {
    }

    static String scrub(String text) {
        // Each pattern is tried only where it could match (an at sign, a dash, two digits): most questions have none,
        // and a pattern's search tries every position of the text, backtracking through each word.
        String scrubbed = text.indexOf('@') < 0 ? text : EMAIL.matcher(text).replaceAll("[e-mail]");
        scrubbed = scrubbed.indexOf('-') < 0 ? scrubbed : CODE.matcher(scrubbed).replaceAll("[code]");
        return digits(scrubbed) < 2 ? scrubbed : LONG_NUMBER.matcher(scrubbed).replaceAll("[number]");
    }

    private static int digits(String text) {
        int digits = 0;
        for (int i = 0; i < text.length() && digits < 2; i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        return digits;
    }
}
