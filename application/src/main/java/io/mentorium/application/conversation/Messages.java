package io.mentorium.application.conversation;

import io.mentorium.application.assistant.Intents;
import io.mentorium.domain.shared.Language;
import jakarta.inject.Inject;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bot's texts in each language, read once from the {@code messages_ru/uz/en.properties} bundles next to this
 * class. Every value is a {@link MessageFormat} pattern (so an apostrophe is written twice), except the date patterns.
 */
public final class Messages {

    static final String BUNDLE = "io.mentorium.application.conversation.messages";

    private final Map<Language, ResourceBundle> bundles = new EnumMap<>(Language.class);
    /**
     * Parsed patterns by language and key ordinal, filled as they are first used: parsing a {@link MessageFormat} costs
     * far more than formatting with one, and every reply formats a few. A MessageFormat is not thread-safe, so each
     * use formats with a clone of the parsed one. Two threads may both parse a pattern the first time and either
     * result is kept; a {@code Parsed} is immutable and published through its final fields. (Map lookups here were
     * a seventh of the texts' cost on the update path, docs/PERFORMANCE.md.)
     */
    private final Parsed[][] parsed = new Parsed[Language.values().length][MessageKey.values().length];
    /** How a number without a format of its own is written: what {@link MessageFormat} would write. */
    private final Map<Language, PlainNumbers> numbers = new EnumMap<>(Language.class);
    /** Date formatters, immutable and thread-safe: the children screen builds one per child otherwise. */
    private final Map<Language, Map<MessageKey, DateTimeFormatter>> dateFormats = new EnumMap<>(Language.class);

    /**
     * A parsed pattern, which of its arguments are written as plain numbers ({@code {1}}, no format of their own), and
     * its text when it takes no arguments.
     *
     * <p>Why: for each number without a format, {@code MessageFormat} looks up and builds a new {@code NumberFormat}
     * for the locale, and the subscription screen's plan lines carry two each; formatting them with a copy of one
     * built once was most of the texts' cost on the update path (docs/PERFORMANCE.md). A text without arguments is
     * the same every time.
     */
    private record Parsed(MessageFormat format, boolean[] plainNumbers, String withoutArguments,
                          Optional<Template> template) {
    }

    /**
     * A pattern whose every argument is a bare {@code {n}}, as its literal text around them: filled with strings, it is
     * exactly what {@code MessageFormat} writes, for a concatenation instead of a cloned format's walk (3.7 % of the
     * bot's samples on the update path, docs/PERFORMANCE.md). The literals are what {@code MessageFormat} itself wrote
     * around markers, so its quoting rules stay its own.
     *
     * @param literals  one more than {@code arguments}: the text before each argument, then after the last
     * @param arguments the argument each place takes, in order
     */
    private record Template(String[] literals, int[] arguments) {

        /** Around each marker: no bundle text holds it. */
        private static final char MARK = 0;

        static Optional<Template> of(MessageFormat format, int argumentCount) {
            for (Format each : format.getFormats()) {
                if (each != null) {
                    return Optional.empty();
                }
            }
            Object[] markers = new Object[argumentCount];
            for (int i = 0; i < argumentCount; i++) {
                markers[i] = MARK + Integer.toString(i) + MARK;
            }
            String marked = ((MessageFormat) format.clone()).format(markers);
            String[] parts = marked.split(String.valueOf(MARK), -1);
            if (parts.length % 2 == 0) {
                return Optional.empty();
            }
            String[] literals = new String[parts.length / 2 + 1];
            int[] arguments = new int[parts.length / 2];
            for (int i = 0; i < parts.length; i++) {
                if (i % 2 == 0) {
                    literals[i / 2] = parts[i];
                } else {
                    arguments[i / 2] = Integer.parseInt(parts[i]);
                }
            }
            return Optional.of(new Template(literals, arguments));
        }

        /** The text with these arguments, or null unless every one it takes is given and a string. */
        String fill(Object[] values) {
            int length = 0;
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] >= values.length || !(values[arguments[i]] instanceof String value)) {
                    return null;
                }
                length += value.length() + literals[i].length();
            }
            StringBuilder text = new StringBuilder(length + literals[arguments.length].length());
            for (int i = 0; i < arguments.length; i++) {
                text.append(literals[i]).append((String) values[arguments[i]]);
            }
            return text.append(literals[arguments.length]).toString();
        }
    }

    /**
     * The locale's number format, and what it writes for a whole number that is not negative, when that is only its
     * digits grouped: written here from the digits, without cloning the format (whose clone and walk were most of
     * the subscription screen's texts, docs/PERFORMANCE.md). {@code MessagesTest} holds both to {@link MessageFormat}.
     *
     * @param format       the format to clone for anything else
     * @param grouping     the separator between groups, or 0 when the format does not group
     * @param groupingSize digits per group
     * @param asciiDigits  whether the locale writes 0–9 (anything else goes to the format)
     */
    private record PlainNumbers(NumberFormat format, char grouping, int groupingSize, boolean asciiDigits) {

        static PlainNumbers of(Locale locale) {
            NumberFormat format = NumberFormat.getInstance(locale);
            if (format instanceof DecimalFormat decimal && decimal.getGroupingSize() > 0) {
                DecimalFormatSymbols symbols = decimal.getDecimalFormatSymbols();
                boolean asciiDigits = symbols.getZeroDigit() == '0' && decimal.getPositivePrefix().isEmpty()
                        && decimal.getPositiveSuffix().isEmpty();
                return new PlainNumbers(format, decimal.isGroupingUsed() ? symbols.getGroupingSeparator() : 0,
                        decimal.getGroupingSize(), asciiDigits);
            }
            return new PlainNumbers(format, (char) 0, 0, false);
        }

        /** The whole number as the format writes it, or null when it is for the format to write. */
        String whole(Number value) {
            if (!asciiDigits || !(value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte) || value.longValue() < 0) {
                return null;
            }
            String digits = Long.toString(value.longValue());
            if (grouping == 0 || digits.length() <= groupingSize) {
                return digits;
            }
            StringBuilder grouped = new StringBuilder(digits.length() + digits.length() / groupingSize);
            int first = digits.length() % groupingSize == 0 ? groupingSize : digits.length() % groupingSize;
            grouped.append(digits, 0, first);
            for (int at = first; at < digits.length(); at += groupingSize) {
                grouped.append(grouping).append(digits, at, at + groupingSize);
            }
            return grouped.toString();
        }
    }

    @Inject
    public Messages() {
        for (Language language : Language.values()) {
            bundles.put(language, load(language));
            numbers.put(language, PlainNumbers.of(language.locale()));
            dateFormats.put(language, new ConcurrentHashMap<>());
        }
    }

    /**
     * The bundle of exactly this language: without the no-fallback control, a missing file would silently be replaced
     * by the bundle of the JVM's default locale.
     */
    static ResourceBundle load(Language language) {
        return ResourceBundle.getBundle(BUNDLE, language.locale(), Messages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Telegram HTML: {@code String} arguments are escaped, {@link Markup} arguments inserted, numbers formatted. */
    public String html(Language language, MessageKey key, Object... arguments) {
        Object[] safe = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            safe[i] = switch (arguments[i]) {
                case String raw -> Markup.escape(raw);
                case Markup markup -> markup.html();
                case Object other -> other;
            };
        }
        return format(language, key, safe);
    }

    public Markup markup(Language language, MessageKey key, Object... arguments) {
        return new Markup(html(language, key, arguments));
    }

    /** Plain text, for button labels and callback notices, which Telegram shows without parsing markup. */
    public String plain(Language language, MessageKey key, Object... arguments) {
        Object[] plain = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            plain[i] = arguments[i] instanceof Markup markup ? markup.html() : arguments[i];
        }
        return format(language, key, plain);
    }

    /**
     * The words of a bundle's word list ({@link MessageKey#LANGUAGE_WORDS}, {@link MessageKey#YES_WORDS}, …), read the
     * way a parent's text is: apostrophes go, so the bundle's "yoq" is what "yoʻq" and "yo'q" become.
     */
    List<String> words(Language language, MessageKey key) {
        return Intents.words(plain(language, key));
    }

    /** {@link #words(Language, MessageKey)} of every language together: people type them in any chat. */
    Set<String> wordsInAnyLanguage(MessageKey key) {
        Set<String> words = new HashSet<>();
        for (Language language : Language.values()) {
            words.addAll(words(language, key));
        }
        return Set.copyOf(words);
    }

    public DateTimeFormatter dateFormat(Language language, MessageKey key) {
        if (!key.isDatePattern()) {
            throw new IllegalArgumentException(key + " is not a date pattern");
        }
        return dateFormats.get(language).computeIfAbsent(key,
                missing -> DateTimeFormatter.ofPattern(pattern(language, missing), language.locale()));
    }

    /** The value as written in the bundle. */
    String pattern(Language language, MessageKey key) {
        return bundles.get(language).getString(key.bundleKey());
    }

    Set<String> keys(Language language) {
        return bundles.get(language).keySet();
    }

    /** @param arguments the caller's own copy, which this may change */
    private String format(Language language, MessageKey key, Object[] arguments) {
        Parsed pattern = parsed[language.ordinal()][key.ordinal()];
        if (pattern == null) {
            pattern = parse(pattern(language, key), language.locale());
            parsed[language.ordinal()][key.ordinal()] = pattern;
        }
        return format(pattern, numbers.get(language), arguments);
    }

    /** As {@code new MessageFormat(pattern, locale).format(arguments)}, by way of {@link Parsed}: for tests. */
    static String withPlainNumbers(String pattern, Locale locale, Object... arguments) {
        return format(parse(pattern, locale), PlainNumbers.of(locale), arguments.clone());
    }

    private static String format(Parsed pattern, PlainNumbers numbers, Object[] arguments) {
        if (arguments.length == 0) {
            return pattern.withoutArguments();
        }
        NumberFormat number = null;
        for (int i = 0; i < arguments.length && i < pattern.plainNumbers().length; i++) {
            if (pattern.plainNumbers()[i] && arguments[i] instanceof Number value) {
                String whole = numbers.whole(value);
                if (whole != null) {
                    arguments[i] = whole;
                    continue;
                }
                if (number == null) {
                    number = (NumberFormat) numbers.format().clone();
                }
                arguments[i] = number.format(value);
            }
        }
        String filled = pattern.template().map(template -> template.fill(arguments)).orElse(null);
        return filled != null ? filled : ((MessageFormat) pattern.format().clone()).format(arguments);
    }

    private static Parsed parse(String text, Locale locale) {
        MessageFormat format = new MessageFormat(text, locale);
        Format[] formats = format.getFormatsByArgumentIndex();
        // An argument is plain only if no element of the pattern gives it a format: the array tells the last one.
        String normalized = format.toPattern();
        boolean[] plainNumbers = new boolean[formats.length];
        for (int i = 0; i < formats.length; i++) {
            plainNumbers[i] = formats[i] == null && !normalized.contains('{' + Integer.toString(i) + ',');
        }
        return new Parsed(format, plainNumbers, ((MessageFormat) format.clone()).format(new Object[0]),
                Template.of(format, formats.length));
    }
}
