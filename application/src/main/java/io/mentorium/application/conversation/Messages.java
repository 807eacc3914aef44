package io.mentorium.application.conversation;

import io.mentorium.domain.shared.Language;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
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
     * Parsed patterns: parsing a {@link MessageFormat} costs far more than formatting with one, and every reply
     * formats a few. A MessageFormat is not thread-safe, so each use formats with a clone of the parsed one.
     */
    private final Map<Language, Map<MessageKey, MessageFormat>> parsed = new EnumMap<>(Language.class);

    @Inject
    public Messages() {
        for (Language language : Language.values()) {
            bundles.put(language, load(language));
            parsed.put(language, new ConcurrentHashMap<>());
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

    public DateTimeFormatter dateFormat(Language language, MessageKey key) {
        if (!key.isDatePattern()) {
            throw new IllegalArgumentException(key + " is not a date pattern");
        }
        return DateTimeFormatter.ofPattern(pattern(language, key), language.locale());
    }

    /** The value as written in the bundle. */
    String pattern(Language language, MessageKey key) {
        return bundles.get(language).getString(key.bundleKey());
    }

    Set<String> keys(Language language) {
        return bundles.get(language).keySet();
    }

    private String format(Language language, MessageKey key, Object[] arguments) {
        MessageFormat format = parsed.get(language).computeIfAbsent(key,
                missing -> new MessageFormat(pattern(language, missing), language.locale()));
        return ((MessageFormat) format.clone()).format(arguments);
    }
}
