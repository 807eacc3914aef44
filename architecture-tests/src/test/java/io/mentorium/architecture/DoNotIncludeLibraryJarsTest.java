package io.mentorium.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.Location;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DoNotIncludeLibraryJarsTest {

    private final DoNotIncludeLibraryJars option = new DoNotIncludeLibraryJars();

    @Test
    void module_classes_are_imported_from_a_reactor_directory_a_reactor_jar_and_the_local_repository() {
        assertThat(includes("file:/work/main/domain/target/classes/io/mentorium/domain/parent/Parent.class")).isTrue();
        assertThat(includes("jar:file:/work/main/domain/target/domain-0.1.0-SNAPSHOT.jar!"
                + "/io/mentorium/domain/parent/Parent.class")).isTrue();
        assertThat(includes("jar:file:/root/.m2/repository/io/mentorium/domain/0.1.0-SNAPSHOT/"
                + "domain-0.1.0-SNAPSHOT.jar!/io/mentorium/domain/parent/Parent.class")).isTrue();
    }

    @Test
    void another_librarys_jar_is_not_imported() {
        assertThat(includes("jar:file:/root/.m2/repository/org/jdbi/jdbi3-core/3.55.0/jdbi3-core-3.55.0.jar!"
                + "/org/jdbi/v3/core/Jdbi.class")).isFalse();
    }

    private boolean includes(String uri) {
        return option.includes(Location.of(URI.create(uri)));
    }
}
