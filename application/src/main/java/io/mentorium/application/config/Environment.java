package io.mentorium.application.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads configuration variables and collects every problem instead of stopping at the first, so an operator fixes
 * the whole environment in one go. Each module parses its own variables through this; the runner reports the lot.
 *
 * <p>Messages quote a bad value only for variables that are not secret.
 */
public final class Environment {

    private final Map<String, String> variables;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The value, trimmed; blank counts as unset. */
    public Optional<String> optional(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.strip());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** A required variable; when missing, records a problem saying what it is for and answers empty. */
    public Optional<String> required(String name, String purpose) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            problem(name, "is required " + purpose + " but is not set");
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                problem(name, "must be between " + min + " and " + max + ", got " + value);
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException notANumber) {
            problem(name, "must be a whole number between " + min + " and " + max + ", got '" + abbreviate(raw.get()) + "'");
            return defaultValue;
        }
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> {
                problem(name, "must be true or false, got '" + abbreviate(raw.get()) + "'");
                yield defaultValue;
            }
        };
    }

    /**
     * Parses a variable with {@code parser}, which throws {@link IllegalArgumentException} (or a subclass, such as
     * {@code DateTimeException}'s relatives wrapped by the caller) when the value is wrong.
     *
     * @param expectation what a valid value looks like, for the message ("an IANA time zone such as Asia/Tashkent")
     */
    public <T> T parsed(String name, T defaultValue, Function<String, T> parser, String expectation) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return parser.apply(raw.get());
        } catch (RuntimeException invalid) {
            String detail = invalid.getMessage() == null ? "" : " (" + invalid.getMessage() + ")";
            problem(name, "must be " + expectation + ", got '" + abbreviate(raw.get()) + "'" + detail);
            return defaultValue;
        }
    }

    /** An absolute http(s) URL, such as an API base URL. */
    public URI httpUrl(String name, URI defaultValue, String example) {
        return parsed(name, defaultValue, value -> {
            URI uri = URI.create(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return uri;
        }, "an http(s) URL such as " + example);
    }

    /** A secret: its value never appears in a message. */
    public Optional<String> secret(String name) {
        return optional(name);
    }

    public void problem(String variable, String message) {
        problems.add(new ConfigProblem(variable, message));
    }

    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
