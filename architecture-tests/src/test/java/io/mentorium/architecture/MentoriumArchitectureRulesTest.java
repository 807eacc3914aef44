package io.mentorium.architecture;

import static io.mentorium.architecture.MentoriumArchitectureRules.PRODUCTION_ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.mentorium.archfixture.violating.adapters.openai.OpenAiReportWriter;
import io.mentorium.archfixture.violating.adapters.persistence.JdbiReportStore;
import io.mentorium.archfixture.violating.adapters.telegram.TelegramMessenger;
import io.mentorium.archfixture.violating.application.port.in.GenerateReport;
import io.mentorium.archfixture.violating.application.port.in.GenerateReportHandler;
import io.mentorium.archfixture.violating.application.port.out.InMemoryReportStore;
import io.mentorium.archfixture.violating.application.port.out.ReportStore;
import io.mentorium.archfixture.violating.application.service.NotifyService;
import io.mentorium.archfixture.violating.application.service.ReportFormatter;
import io.mentorium.archfixture.violating.application.service.ReportService;
import io.mentorium.archfixture.violating.domain.learner.Learner;
import io.mentorium.archfixture.violating.domain.parent.Parent;
import io.mentorium.archfixture.violating.domain.report.Report;
import io.mentorium.archfixture.violating.runner.bot.BotMain;
import io.mentorium.archfixture.violating.runner.scheduler.SchedulerMain;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves that the rules of {@link MentoriumArchitectureRules} are neither toothless nor trivially failing: the same
 * rules, built for a fixture root, report each deliberate violation by class name, accept a well-formed fixture, and
 * fail when their packages hold no class at all.
 */
class MentoriumArchitectureRulesTest {

    private static final String VIOLATING_ROOT = "io.mentorium.archfixture.violating";
    private static final String CLEAN_ROOT = "io.mentorium.archfixture.clean";
    private static final String EMPTY_ROOT = "io.mentorium.nothing";

    private static JavaClasses violating;
    private static JavaClasses clean;

    @BeforeAll
    static void importFixtures() {
        // The fixtures are test classes, so unlike the production check no DoNotIncludeTests here.
        ClassFileImporter importer = new ClassFileImporter();
        violating = importer.importPackages(VIOLATING_ROOT);
        clean = importer.importPackages(CLEAN_ROOT);
    }

    @Test
    void the_production_constants_are_exactly_the_rules_built_for_the_production_root() {
        List<String> constants = Arrays.stream(MentoriumArchitectureRules.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == ArchRule.class)
                .map(MentoriumArchitectureRulesTest::ruleIn)
                .map(ArchRule::getDescription)
                .toList();

        assertThat(constants).containsExactlyInAnyOrderElementsOf(
                MentoriumArchitectureRules.forRoot(PRODUCTION_ROOT).stream().map(ArchRule::getDescription).toList());
    }

    @Test
    void the_production_import_holds_module_classes_but_neither_test_classes_nor_fixtures() {
        // The fixtures live under io.mentorium too; were they imported, the production check would judge them.
        JavaClasses production = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .withImportOption(new DoNotIncludeLibraryJars())
                .importPackages(PRODUCTION_ROOT);

        assertThat(production).extracting(JavaClass::getPackageName)
                .anyMatch(name -> name.startsWith(PRODUCTION_ROOT + ".domain"))
                .noneMatch(name -> name.startsWith("io.mentorium.archfixture"))
                .noneMatch(name -> name.startsWith("io.mentorium.architecture"));
    }

    @Nested
    class On_code_that_breaks_the_architecture {

        @Test
        void a_domain_class_using_slf4j_or_an_application_port_is_reported() {
            String report = violationsOf(MentoriumArchitectureRules.domainDependsOnlyOnItselfAndTheJdk(VIOLATING_ROOT));

            assertThat(report)
                    .contains(Parent.class.getName(), "org.slf4j.LoggerFactory")
                    .contains(Report.class.getName(), ReportStore.class.getName())
                    // Learner -> Parent stays inside the domain and is a cycle, not an allow-list breach.
                    .doesNotContain(Learner.class.getName());
        }

        @Test
        void an_application_class_using_a_framework_an_unlisted_library_or_an_adapter_is_reported() {
            String report = violationsOf(
                    MentoriumArchitectureRules.applicationDependsOnlyOnDomainJdkSlf4jAndJakartaInject(VIOLATING_ROOT));

            assertThat(report)
                    .contains(ReportService.class.getName(), "org.jdbi.v3.core.Jdbi")
                    .contains(ReportFormatter.class.getName(), "org.assertj")
                    .contains(NotifyService.class.getName(), TelegramMessenger.class.getName())
                    // Logging through slf4j is allowed in the application.
                    .doesNotContain("org.slf4j");
        }

        @Test
        void an_application_class_using_a_named_framework_is_reported_and_an_unnamed_library_left_to_the_allow_list() {
            String report =
                    violationsOf(MentoriumArchitectureRules.applicationDoesNotDependOnFrameworks(VIOLATING_ROOT));

            assertThat(report)
                    .contains(ReportService.class.getName(), "org.jdbi.v3.core.Jdbi")
                    .doesNotContain(ReportFormatter.class.getName());
        }

        @Test
        void a_persistence_adapter_using_the_telegram_adapter_is_reported() {
            String report = violationsOf(MentoriumArchitectureRules.adaptersDoNotDependOnEachOther(VIOLATING_ROOT));

            assertThat(report)
                    .contains("adapter persistence", "adapter telegram")
                    .contains(JdbiReportStore.class.getName(), TelegramMessenger.class.getName());
        }

        @Test
        void an_adapter_using_a_runner_is_reported_but_the_runners_own_dependencies_are_not() {
            String report =
                    violationsOf(MentoriumArchitectureRules.nothingOutsideTheRunnersDependsOnARunner(VIOLATING_ROOT));

            assertThat(report)
                    .contains(OpenAiReportWriter.class.getName(), BotMain.class.getName())
                    .doesNotContain(SchedulerMain.class.getName());
        }

        @Test
        void a_runner_starting_another_runner_is_reported() {
            String report = violationsOf(MentoriumArchitectureRules.runnersDoNotDependOnEachOther(VIOLATING_ROOT));

            assertThat(report)
                    .contains("runner bot", "runner scheduler")
                    .contains(BotMain.class.getName(), SchedulerMain.class.getName());
        }

        @Test
        void dependencies_pointing_outward_are_reported_but_the_runners_wiring_is_not() {
            String report = violationsOf(MentoriumArchitectureRules.onion(VIOLATING_ROOT));

            assertThat(report)
                    // domain -> application port
                    .contains(Report.class.getName() + ".saveTo(")
                    // application service -> adapter
                    .contains(NotifyService.class.getName(), TelegramMessenger.class.getName())
                    // adapter -> adapter
                    .contains(JdbiReportStore.class.getName())
                    // runners are the composition root: their use of every ring is ignored
                    .doesNotContain(BotMain.class.getName() + ".main(");
        }

        @Test
        void a_cycle_between_domain_and_application_is_reported() {
            String report = violationsOf(MentoriumArchitectureRules.topLevelPackagesAreFreeOfCycles(VIOLATING_ROOT));

            assertThat(report)
                    .contains("Cycle detected")
                    .contains(Report.class.getName(), ReportStore.class.getName());
        }

        @Test
        void a_cycle_between_two_domain_aggregates_is_reported() {
            String report = violationsOf(MentoriumArchitectureRules.domainAggregatesAreFreeOfCycles(VIOLATING_ROOT));

            assertThat(report)
                    .contains("domain aggregate learner", "domain aggregate parent")
                    .contains(Parent.class.getName(), Learner.class.getName());
        }

        @Test
        void a_class_among_the_out_ports_is_reported() {
            String report = violationsOf(MentoriumArchitectureRules.outPortsAreInterfaces(VIOLATING_ROOT));

            assertThat(report)
                    .contains(InMemoryReportStore.class.getName())
                    .doesNotContain(ReportStore.class.getName() + " ");
        }

        @Test
        void a_use_case_implementation_among_the_in_ports_is_reported() {
            String report = violationsOf(MentoriumArchitectureRules.inPortsAreInterfacesRecordsOrEnums(VIOLATING_ROOT));

            assertThat(report)
                    .contains(GenerateReportHandler.class.getName())
                    .doesNotContain(GenerateReport.class.getName() + " ");
        }

        @Test
        void every_rule_finds_something_to_report() {
            // Guards the fixture itself: a rule added later without a matching violation here fails this test.
            assertThat(MentoriumArchitectureRules.forRoot(VIOLATING_ROOT))
                    .allSatisfy(rule -> assertThat(rule.evaluate(violating).hasViolation())
                            .as("'%s' has a violation in the violating fixture", rule.getDescription())
                            .isTrue());
        }

        private static String violationsOf(ArchRule rule) {
            EvaluationResult result = rule.evaluate(violating);
            assertThat(result.hasViolation()).as("'%s' has a violation", rule.getDescription()).isTrue();
            // The details only, without the rule's description, so that package names in the description cannot
            // satisfy an assertion about an offending class.
            return String.join(System.lineSeparator(), result.getFailureReport().getDetails());
        }
    }

    @Nested
    class The_embedder_rule {

        private static final String CLEAN_HOST = "io.mentorium.archfixture.host.clean";
        private static final String VIOLATING_HOST = "io.mentorium.archfixture.host.violating";

        @Test
        void a_host_using_an_adapter_or_a_runner_is_reported_but_not_its_use_of_a_port_or_the_domain() {
            ArchRule rule = MentoriumArchitectureRules.embedderUsesOnlyThePublicApi(VIOLATING_ROOT, VIOLATING_HOST);
            EvaluationResult result = rule.evaluate(new ClassFileImporter().importPackages(VIOLATING_HOST));

            assertThat(result.hasViolation()).isTrue();
            assertThat(String.join(System.lineSeparator(), result.getFailureReport().getDetails()))
                    .contains(JdbiReportStore.class.getName(), BotMain.class.getName())
                    .doesNotContain(ReportStore.class.getName() + ".save")
                    .doesNotContain("<" + Report.class.getName() + ">");
        }

        @Test
        void a_host_using_ports_services_and_the_domain_passes() {
            ArchRule rule = MentoriumArchitectureRules.embedderUsesOnlyThePublicApi(CLEAN_ROOT, CLEAN_HOST);

            assertThatCode(() -> rule.check(new ClassFileImporter().importPackages(CLEAN_HOST)))
                    .doesNotThrowAnyException();
        }

        @Test
        void the_rule_fails_when_the_host_package_holds_no_class() {
            ArchRule rule = MentoriumArchitectureRules.embedderUsesOnlyThePublicApi(CLEAN_ROOT, EMPTY_ROOT);

            assertThatThrownBy(() -> rule.check(clean))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("failed to check any classes");
        }
    }

    @TestFactory
    Stream<DynamicTest> every_rule_passes_on_code_that_keeps_the_architecture() {
        return MentoriumArchitectureRules.forRoot(CLEAN_ROOT).stream()
                .map(rule -> dynamicTest(rule.getDescription(), () -> assertThatCode(() -> rule.check(clean))
                        .doesNotThrowAnyException()));
    }

    @TestFactory
    Stream<DynamicTest> every_rule_fails_when_its_packages_hold_no_class() {
        // failOnEmptyShould (ArchUnit's default) is what turns a misspelt or vanished package into a failure instead
        // of a silent pass; the onion reports its empty layers instead. The classes passed in exist but lie outside
        // the root, as they would after a package rename.
        return MentoriumArchitectureRules.forRoot(EMPTY_ROOT).stream()
                .map(rule -> dynamicTest(rule.getDescription(), () -> assertThatThrownBy(() -> rule.check(clean))
                        .isInstanceOf(AssertionError.class)
                        .message()
                        .containsAnyOf("failed to check any classes", "Layer 'domain model' is empty")));
    }

    private static ArchRule ruleIn(Field field) {
        try {
            return (ArchRule) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
