package io.mentorium.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * Checks every rule of {@link MentoriumArchitectureRules} against the production classes of all modules.
 *
 * <p>Test classes are left out: they may legitimately cross rings (fakes, contract tests), and this module's own
 * fixtures under {@code io.mentorium.archfixture} break the rules on purpose.
 */
@AnalyzeClasses(
        packages = MentoriumArchitectureRules.PRODUCTION_ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeLibraryJars.class})
class MentoriumArchitectureTest {

    @ArchTest
    static final ArchTests mentorium_rules = ArchTests.in(MentoriumArchitectureRules.class);
}
