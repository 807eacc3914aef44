package io.mentorium.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Imports class directories and Mentorium's own module jars, but no other library's jar.
 *
 * <p>{@link ImportOption.DoNotIncludeJars} would be too blunt: depending on the Maven phase the reactor hands this
 * module either {@code <module>/target/classes} ({@code test}) or {@code <module>/target/<module>.jar}
 * ({@code verify}), and outside the reactor the modules come from the local repository as
 * {@code .../io/mentorium/<module>/<version>/<module>.jar}. Excluding every jar would leave nothing to check in the
 * last two cases.
 */
public final class DoNotIncludeLibraryJars implements ImportOption {

    private static final Pattern MENTORIUM_JAR =
            Pattern.compile(".*(/io/mentorium/[^/!]+/[^/!]+|/target)/[^/!]+\\.jar!/.*");

    @Override
    public boolean includes(Location location) {
        return !location.isJar() || location.matches(MENTORIUM_JAR);
    }
}
