package io.mentorium.application.conversation;

import java.util.Objects;

/**
 * A fragment of Telegram HTML that is already safe: composed from bundle texts and escaped values. Passed as a message
 * argument it is inserted as is, whereas a plain {@code String} argument is always escaped.
 */
public record Markup(String html) {

    public static final Markup EMPTY = new Markup("");

    public Markup {
        Objects.requireNonNull(html, "html");
    }

    /** Text from a user or the platform, made safe to show. */
    public static Markup text(String raw) {
        return new Markup(escape(raw));
    }

    /** Escapes the three characters Telegram's HTML mode gives a meaning to. */
    public static String escape(String raw) {
        StringBuilder escaped = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    public boolean isEmpty() {
        return html.isEmpty();
    }

    @Override
    public String toString() {
        return html;
    }
}
