package io.mentorium.application.conversation;

import io.mentorium.application.assistant.Intents;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.shared.Language;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** Quiet hours as people read and type them: {@code 22:00–08:00}. */
final class QuietHoursText {

    /** The presets offered as buttons. */
    static final List<QuietHours> PRESETS = List.of(
            new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0)),
            QuietHours.DEFAULT,
            new QuietHours(LocalTime.of(23, 0), LocalTime.of(7, 0)));

    private static final int MAX_TYPED = 32;

    private QuietHoursText() {
    }

    static String describe(Messages messages, Language language, Optional<QuietHours> hours) {
        return hours.map(value -> messages.plain(language, MessageKey.QUIET_HOURS_RANGE, time(value.start()),
                        time(value.end())))
                .orElseGet(() -> messages.plain(language, MessageKey.QUIET_HOURS_OFF));
    }

    static String time(LocalTime time) {
        // Formatted on every settings screen; String.format parses its pattern each time.
        int hour = time.getHour();
        int minute = time.getMinute();
        return new StringBuilder(5).append(hour < 10 ? "0" : "").append(hour).append(':')
                .append(minute < 10 ? "0" : "").append(minute).toString();
    }

    /**
     * Reads {@code HH:MM-HH:MM} as typed (one-digit hours, a dot instead of the colon, spaces and any dash are fine),
     * or hours in words as the assistant reads them ("22-7", "с 23 до 7", "from 11pm till 6:30am", "после 21:00").
     * Empty for anything else, including a start equal to the end.
     */
    static Optional<QuietHours> parse(String typed) {
        if (typed.length() > MAX_TYPED) {
            return Optional.empty();
        }
        return exact(typed).or(() -> Intents.typedQuietHours(typed));
    }

    private static Optional<QuietHours> exact(String typed) {
        StringBuilder compact = new StringBuilder();
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            // En and em dashes are what phones often put in place of a hyphen.
            compact.append(c == '\u2013' || c == '\u2014' ? '-' : c == '.' ? ':' : c);
        }
        String[] parts = compact.toString().split("-", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        String[] start = parts[0].split(":", -1);
        String[] end = parts[1].split(":", -1);
        if (start.length != 2 || end.length != 2) {
            return Optional.empty();
        }
        return of(start[0], start[1], end[0], end[1]);
    }

    /**
     * Quiet hours from their digits (hours of one or two digits, minutes of two), or empty when they are out of range
     * or start and end at the same time.
     */
    static Optional<QuietHours> of(String startHour, String startMinute, String endHour, String endMinute) {
        Optional<LocalTime> start = time(startHour, startMinute);
        Optional<LocalTime> end = time(endHour, endMinute);
        if (start.isEmpty() || end.isEmpty() || start.get().equals(end.get())) {
            return Optional.empty();
        }
        return Optional.of(new QuietHours(start.get(), end.get()));
    }

    private static Optional<LocalTime> time(String hourDigits, String minuteDigits) {
        if (!digits(hourDigits, 1, 2) || !digits(minuteDigits, 2, 2)) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(hourDigits);
        int minute = Integer.parseInt(minuteDigits);
        return hour < 24 && minute < 60 ? Optional.of(LocalTime.of(hour, minute)) : Optional.empty();
    }

    /** ASCII digits only: {@link Character#isDigit} would also let other scripts' digits through. */
    private static boolean digits(String text, int min, int max) {
        return text.length() >= min && text.length() <= max && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
