package io.mentorium.adapters.persistence.platform;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The schema holding the platform relations ({@code PLATFORM_SCHEMA}). The name is put into SQL text, so it is
 * restricted to a plain lower-case identifier and always quoted there.
 */
public record PlatformSchema(String name) {

    // Before DEFAULT: static fields initialise in order, and DEFAULT's constructor uses it.
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public static final PlatformSchema DEFAULT = new PlatformSchema("platform");

    public PlatformSchema {
        Objects.requireNonNull(name, "name");
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("PLATFORM_SCHEMA must be a lower-case SQL identifier (a-z, 0-9, _; "
                    + "not starting with a digit; at most 63 characters), got: " + printable(name));
        }
    }

    /** The name as SQL text: {@code "platform"}. */
    public String quoted() {
        return '"' + name + '"';
    }

    private static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
    }

    @Override
    public String toString() {
        return name;
    }
}
