package io.mentorium.application.pipeline;

import io.mentorium.domain.shared.Email;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must not reach a log line or a dead letter: e-mail addresses (as {@link Email#mask} does), bot tokens,
 * and runs of four or more digits (link codes, phone numbers, ids typed by a parent).
 */
public final class Redaction {

    private static final Pattern TOKEN = Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{20,}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"']+@[^\\s@<>\"']+");
    private static final Pattern DIGITS = Pattern.compile("\\d{4,}");
    private static final int MAX_LENGTH = 500;

    private Redaction() {
    }

    public static String mask(String text) {
        if (text == null) {
            return "";
        }
        String masked = TOKEN.matcher(text).replaceAll("<token>");
        Matcher emails = EMAIL.matcher(masked);
        masked = emails.replaceAll(match -> Matcher.quoteReplacement(Email.mask(match.group())));
        masked = DIGITS.matcher(masked).replaceAll("####");
        return masked.length() <= MAX_LENGTH ? masked : masked.substring(0, MAX_LENGTH);
    }

    /** The class of a failure and its masked message: what a dead letter keeps of it. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return mask(message == null ? failure.getClass().getName() : failure.getClass().getName() + ": " + message);
    }

    /**
     * The failure with its message masked and its stack trace kept, for a log line: the class and frames are what an
     * operator needs, the message may quote what a parent sent.
     */
    public static Throwable redacted(Throwable failure) {
        return redacted(failure, 0);
    }

    private static Throwable redacted(Throwable failure, int depth) {
        RedactedFailure copy = new RedactedFailure(describe(failure));
        copy.setStackTrace(failure.getStackTrace());
        // A handful of causes tell the story; a cycle or a very long chain must not recurse without end.
        if (failure.getCause() != null && failure.getCause() != failure && depth < 8) {
            copy.initCause(redacted(failure.getCause(), depth + 1));
        }
        return copy;
    }

    /** Stands in for a failure whose message had to be masked. */
    static final class RedactedFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RedactedFailure(String message) {
            super(message);
        }
    }
}
