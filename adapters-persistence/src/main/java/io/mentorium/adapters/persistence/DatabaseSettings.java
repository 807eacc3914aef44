package io.mentorium.adapters.persistence;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a PostgreSQL database is and how to log in: {@code DATABASE_URL}, {@code DATABASE_USER},
 * {@code DATABASE_PASSWORD} (or their {@code PLATFORM_} counterparts). {@link #toString()} never shows the password,
 * nor the URL's query string, where drivers also accept credentials.
 *
 * @param url      a {@code jdbc:postgresql:} URL
 * @param user     empty when the URL or the server supplies it
 * @param password empty when there is none
 */
public record DatabaseSettings(String url, Optional<String> user, Optional<String> password) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        url = url.strip();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database URL must start with jdbc:postgresql:, got " + redact(url));
        }
        user = user.filter(u -> !u.isBlank());
        password = password.filter(p -> !p.isEmpty());
    }

    /** From possibly null or blank values, as read from the environment. */
    public static DatabaseSettings of(String url, String user, String password) {
        return new DatabaseSettings(url, Optional.ofNullable(user), Optional.ofNullable(password));
    }

    /** The URL without its query string: safe to log. */
    public String redactedUrl() {
        return redact(url);
    }

    private static String redact(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + redactedUrl() + ", user=" + user.orElse("(none)") + ", password="
                + (password.isPresent() ? "***" : "(none)") + "]";
    }
}
