package io.mentorium.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The whole-project architecture rules of Mentorium, written once against a root package.
 *
 * <p>The constants check the production code under {@value #PRODUCTION_ROOT}. The same rules are built by the static
 * factories for any other root, so that the tests can run them against fixtures that mirror the real layout (one that
 * breaks every rule, one that keeps them all) and prove that each rule both bites and lets good code through.
 *
 * <p>ArchUnit's default {@code archRule.failOnEmptyShould=true} stays on: a rule whose packages match no class fails
 * instead of passing vacuously, so a renamed or misspelt package cannot silently switch a rule off.
 */
public final class MentoriumArchitectureRules {

    public static final String PRODUCTION_ROOT = "io.mentorium";

    /**
     * The libraries this project uses outside its core. The application allow-list already excludes them; naming them
     * again in a deny-list makes the failure read "depends on org.jdbi..." instead of only "is not in an allowed
     * package", which is the mistake people actually make.
     */
    static final List<String> FRAMEWORK_PACKAGES = List.of(
            "org.jdbi..", "com.zaxxer..", "liquibase..", "org.postgresql..", "org.telegram..", "com.openai..",
            "org.quartz..", "dagger..", "dev.failsafe..", "org.eclipse.jetty..", "io.prometheus..", "ch.qos.logback..",
            "com.fasterxml.jackson..", "com.knuddels..", "io.zonky..");

    @ArchTest
    public static final ArchRule DOMAIN_DEPENDS_ONLY_ON_ITSELF_AND_THE_JDK =
            domainDependsOnlyOnItselfAndTheJdk(PRODUCTION_ROOT);

    @ArchTest
    public static final ArchRule APPLICATION_DEPENDS_ONLY_ON_DOMAIN_JDK_SLF4J_AND_JAKARTA_INJECT =
            applicationDependsOnlyOnDomainJdkSlf4jAndJakartaInject(PRODUCTION_ROOT);

    @ArchTest
    public static final ArchRule APPLICATION_DOES_NOT_DEPEND_ON_FRAMEWORKS =
            applicationDoesNotDependOnFrameworks(PRODUCTION_ROOT);

    @ArchTest
    public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = adaptersDoNotDependOnEachOther(PRODUCTION_ROOT);

    @ArchTest
    public static final ArchRule NOTHING_OUTSIDE_THE_RUNNERS_DEPENDS_ON_A_RUNNER =
            nothingOutsideTheRunnersDependsOnARunner(PRODUCTION_ROOT);

    @ArchTest
    public static final ArchRule RUNNERS_DO_NOT_DEPEND_ON_EACH_OTHER = runnersDoNotDependOnEachOther(PRODUCTION_ROOT);

    @ArchTest
    public static final ArchRule ONION_ARCHITECTURE = onion(PRODUCTION_ROOT);

    @ArchTest
    public static final ArchRule TOP_LEVEL_PACKAGES_ARE_FREE_OF_CYCLES =
            topLevelPackagesAreFreeOfCycles(PRODUCTION_ROOT);

    @ArchTest
    public static final ArchRule DOMAIN_AGGREGATES_ARE_FREE_OF_CYCLES =
            domainAggregatesAreFreeOfCycles(PRODUCTION_ROOT);

    @ArchTest
    public static final ArchRule OUT_PORTS_ARE_INTERFACES = outPortsAreInterfaces(PRODUCTION_ROOT);

    @ArchTest
    public static final ArchRule IN_PORTS_ARE_INTERFACES_RECORDS_OR_ENUMS =
            inPortsAreInterfacesRecordsOrEnums(PRODUCTION_ROOT);

    private MentoriumArchitectureRules() {
    }

    /** Every rule, built for {@code root}, in the same order as the constants above. */
    public static List<ArchRule> forRoot(String root) {
        return List.of(
                domainDependsOnlyOnItselfAndTheJdk(root),
                applicationDependsOnlyOnDomainJdkSlf4jAndJakartaInject(root),
                applicationDoesNotDependOnFrameworks(root),
                adaptersDoNotDependOnEachOther(root),
                nothingOutsideTheRunnersDependsOnARunner(root),
                runnersDoNotDependOnEachOther(root),
                onion(root),
                topLevelPackagesAreFreeOfCycles(root),
                domainAggregatesAreFreeOfCycles(root),
                outPortsAreInterfaces(root),
                inPortsAreInterfacesRecordsOrEnums(root));
    }

    public static ArchRule domainDependsOnlyOnItselfAndTheJdk(String root) {
        // An allow-list rather than a deny-list: a new library on the classpath is forbidden until someone decides
        // otherwise. Records, enums and pattern switches compile to java.lang.runtime and java.lang.invoke, which are
        // covered by "java..".
        return classes().that().resideInAPackage(domain(root))
                .should().onlyDependOnClassesThat().resideInAnyPackage(domain(root), "java..")
                .because("the domain is plain Java: no framework, no logging, no adapter and no application type");
    }

    public static ArchRule applicationDependsOnlyOnDomainJdkSlf4jAndJakartaInject(String root) {
        return classes().that().resideInAPackage(application(root))
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        application(root), domain(root), "java..", "org.slf4j..", "jakarta.inject..")
                .because("use cases talk to the outside world only through their ports");
    }

    public static ArchRule applicationDoesNotDependOnFrameworks(String root) {
        return noClasses().that().resideInAPackage(application(root))
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_PACKAGES.toArray(String[]::new))
                .because("frameworks belong in adapters and runners; the application layer only declares ports");
    }

    public static ArchRule adaptersDoNotDependOnEachOther(String root) {
        // Slices instead of one rule per pair: a fifth adapter is covered without editing this class, and the
        // message names both adapters ("adapter persistence" -> "adapter telegram") and the offending call.
        return slices().matching(root + ".adapters.(*)..").namingSlices("adapter $1")
                .should().notDependOnEachOther()
                .because("adapters meet only through the application's ports; the runners wire them together");
    }

    public static ArchRule nothingOutsideTheRunnersDependsOnARunner(String root) {
        // Restricted to the root so the rule is empty (and fails) for a root that holds no classes at all.
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(runner(root))
                .should().dependOnClassesThat().resideInAPackage(runner(root))
                .because("runners are the composition root: they depend on everything and nothing depends on them");
    }

    public static ArchRule runnersDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".runner.(*)..").namingSlices("runner $1")
                .should().notDependOnEachOther()
                .because("each runner is a separate executable with its own object graph");
    }

    public static ArchRule onion(String root) {
        // The application ring is split in two so that no onion layer is left empty (an empty layer is reported as a
        // violation, which is what keeps this rule from passing vacuously): the ports are the inner "domain service"
        // ring, which adapters may use, and everything else in application (the services) is the outer ring that
        // only adapters and runners may reach. As a consequence a port can never refer to a service implementation.
        return onionArchitecture()
                .domainModels(domain(root))
                .domainServices(root + ".application.port..")
                .applicationServices(resideInAPackage(application(root))
                        .and(resideInAPackage(root + ".application.port..").negate())
                        .as("reside in '%s' but outside '%s'", application(root), root + ".application.port.."))
                .adapter("persistence", root + ".adapters.persistence..")
                .adapter("telegram", root + ".adapters.telegram..")
                .adapter("openai", root + ".adapters.openai..")
                .adapter("payments", root + ".adapters.payments..")
                // Runners are the composition root and may use every ring; what they may NOT do (be depended on,
                // depend on each other) has rules of its own.
                .ignoreDependency(resideInAPackage(runner(root)), alwaysTrue())
                // A class outside all rings would escape every rule above; only the runners are allowed there, and
                // package-info "classes" (maven-compiler-plugin emits them even for javadoc-only files) are not code.
                .ensureAllClassesAreContainedInArchitectureIgnoring(
                        resideInAPackage(runner(root)).or(simpleName("package-info")))
                .because("dependencies point inward: adapters -> application -> domain");
    }

    public static ArchRule topLevelPackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a cycle between rings means a dependency points outward");
    }

    public static ArchRule domainAggregatesAreFreeOfCycles(String root) {
        // Aggregates may all lean on a shared kernel (e.g. domain.shared); a cycle between two aggregates means they
        // cannot be understood or changed separately.
        return slices().matching(root + ".domain.(*)..").namingSlices("domain aggregate $1")
                .should().beFreeOfCycles()
                .because("aggregates refer to each other in one direction only, typically by identity");
    }

    public static ArchRule outPortsAreInterfaces(String root) {
        // Only top-level types: a record or enum nested in a port (Messenger.OutgoingMessage) is part of that port's
        // contract, and compiler-generated helpers (enum switch maps) are nested too. Exceptions are let through
        // because the port-level exception that adapters translate library failures into (StorageException) belongs
        // next to the ports that throw it; an exception cannot be mistaken for an adapter implementation.
        return classes().that().resideInAPackage(root + ".application.port.out..").and().areTopLevelClasses()
                .should().beInterfaces().orShould().beAssignableTo(Exception.class)
                .because("out-ports are contracts that adapters implement; an implementation here hides in the core");
    }

    public static ArchRule inPortsAreInterfacesRecordsOrEnums(String root) {
        // Anonymous classes are excluded because javac generates them for enum switches (Outer$1), not people.
        return classes().that().resideInAPackage(root + ".application.port.in..").and().areNotAnonymousClasses()
                .should().beInterfaces().orShould().beRecords().orShould().beEnums()
                .because("in-ports are use-case interfaces with their command and result types;"
                        + " use-case implementations live in application.service");
    }

    /**
     * A host that embeds the core (docs/embedding.md) may use the domain, the ports and the use-case services, nothing
     * else of Mentorium: the conversation, the update pipeline and the configuration parsing are the bot's internals,
     * and adapters and runners are not even on an embedder's classpath. Not part of {@link #forRoot}: it judges a
     * host's package, which lies outside the root.
     */
    public static ArchRule embedderUsesOnlyThePublicApi(String root, String hostPackage) {
        return noClasses().that().resideInAPackage(hostPackage)
                .should().dependOnClassesThat(resideInAPackage(root + "..")
                        .and(resideOutsideOfPackages(domain(root), root + ".application.port..",
                                root + ".application.service.."))
                        .as("are Mentorium classes outside the domain, the ports and the services"))
                .because("embedders get a stable API only in the domain, the ports and the use-case services");
    }

    private static String domain(String root) {
        return root + ".domain..";
    }

    private static String application(String root) {
        return root + ".application..";
    }

    private static String runner(String root) {
        return root + ".runner..";
    }
}
