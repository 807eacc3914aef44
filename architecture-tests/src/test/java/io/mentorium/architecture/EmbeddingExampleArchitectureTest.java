package io.mentorium.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The embedding example (module {@code embedding-example}, docs/embedding.md) reaches Mentorium only through the API
 * promised to embedders, so the example shows what every host can rely on and nothing more.
 */
@AnalyzeClasses(
        packages = EmbeddingExampleArchitectureTest.EXAMPLE_PACKAGE,
        importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeLibraryJars.class})
class EmbeddingExampleArchitectureTest {

    static final String EXAMPLE_PACKAGE = "com.example.supportdesk";

    @ArchTest
    static final ArchRule the_example_uses_only_the_domain_the_ports_and_the_services =
            MentoriumArchitectureRules.embedderUsesOnlyThePublicApi(
                    MentoriumArchitectureRules.PRODUCTION_ROOT, EXAMPLE_PACKAGE);
}
