package com.example.supportdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Proves that embedding the core brings nothing but the core: no adapter, runner, Jdbi, Telegram or OpenAI class is
 * on the example's classpath, and the example runs on exactly the classpath a host's build resolves.
 *
 * <p>Three views of the same promise, because each catches what the others miss. The enforcer rule in this module's
 * pom checks the dependency tree by coordinates. {@link #a_class_of_an_adapter_a_runner_or_their_frameworks_is_not_found}
 * asks the class loader, so a library that repackages a banned one is caught too. The runtime classpath written by
 * maven-dependency-plugin ({@code target/runtime-classpath.txt}) is checked entry by entry against an allow-list and
 * then used to run {@link SupportDesk#main} in a fresh JVM: the built domain and application jars work as ordinary
 * dependencies, with no test library to lean on.
 */
class EmbeddingClasspathTest {

    /**
     * One well-known class per thing a host must not get. The Mentorium ones are checked to exist in the repository
     * (below), so that a rename cannot turn this test into one that passes because the name is wrong.
     */
    static final List<String> FOREIGN_CLASSES = List.of(
            "org.jdbi.v3.core.Jdbi",
            "org.telegram.telegrambots.meta.TelegramUrl",
            "com.openai.client.OpenAIClient",
            "com.zaxxer.hikari.HikariDataSource",
            "org.postgresql.Driver",
            "liquibase.Liquibase",
            "org.quartz.Scheduler",
            "dagger.Component",
            "io.mentorium.adapters.persistence.Databases",
            "io.mentorium.adapters.telegram.TelegramMessenger",
            "io.mentorium.adapters.openai.OpenAiSettings",
            "io.mentorium.adapters.payments.PaymentSettings",
            "io.mentorium.runner.bot.MentoriumBot",
            "io.mentorium.runner.scheduler.MentoriumScheduler");

    /** What a host's runtime classpath may hold: the two modules (as jars or, in a test-only build, class folders). */
    private static final List<Pattern> ALLOWED_ENTRIES = List.of(
            Pattern.compile(".*/domain-[^/]+\\.jar"),
            Pattern.compile(".*/application-[^/]+\\.jar"),
            Pattern.compile(".*/domain/target/classes/?"),
            Pattern.compile(".*/application/target/classes/?"),
            Pattern.compile(".*/slf4j-api-[^/]+\\.jar"),
            Pattern.compile(".*/jakarta\\.inject-api-[^/]+\\.jar"));

    private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();

    @ParameterizedTest
    @FieldSource("FOREIGN_CLASSES")
    void a_class_of_an_adapter_a_runner_or_their_frameworks_is_not_found(String className) {
        // The test classpath is the runtime classpath plus JUnit and AssertJ: if not even it holds the class, the
        // example's runtime classpath cannot.
        assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void the_mentorium_classes_named_above_exist_in_their_modules() {
        Path repository = MODULE.getParent();
        List<String> missing = FOREIGN_CLASSES.stream()
                .filter(name -> name.startsWith("io.mentorium."))
                .filter(name -> Arrays.stream(new String[] {"adapters-persistence", "adapters-telegram",
                                "adapters-openai", "adapters-payments", "runner-bot", "runner-scheduler"})
                        .noneMatch(module -> Files.isRegularFile(repository.resolve(module)
                                .resolve("src/main/java").resolve(name.replace('.', '/') + ".java"))))
                .toList();

        assertThat(missing).as("renamed or moved; update FOREIGN_CLASSES").isEmpty();
    }

    @Test
    void the_runtime_classpath_holds_domain_application_and_their_two_libraries_only() throws IOException {
        List<String> entries = runtimeClasspath();

        assertThat(entries)
                .allSatisfy(entry -> assertThat(ALLOWED_ENTRIES)
                        .as("allowed on an embedder's classpath: %s", entry)
                        .anyMatch(allowed -> allowed.matcher(entry.replace(File.separatorChar, '/')).matches()))
                .anyMatch(entry -> entry.contains("domain"))
                .anyMatch(entry -> entry.contains("application"));
    }

    @Test
    void the_example_runs_in_a_fresh_jvm_on_exactly_that_classpath() throws Exception {
        String classpath = MODULE.resolve("target/classes") + File.pathSeparator
                + String.join(File.pathSeparator, runtimeClasspath());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stdout = Files.createTempFile("support-desk", ".out");
        try {
            // stderr is dropped: with no slf4j provider on the classpath (a host brings its own) slf4j says so there.
            Process process = new ProcessBuilder(java.toString(), "-cp", classpath, SupportDesk.class.getName())
                    .redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();

            assertThat(process.exitValue()).isZero();
            assertThat(Files.readString(stdout, StandardCharsets.UTF_8))
                    .isEqualToNormalizingNewlines(SupportDeskOutput.EXPECTED);
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    private static List<String> runtimeClasspath() throws IOException {
        String written = Files.readString(MODULE.resolve("target/runtime-classpath.txt"), StandardCharsets.UTF_8);
        return Arrays.stream(written.strip().split(Pattern.quote(File.pathSeparator)))
                .filter(entry -> !entry.isBlank())
                .toList();
    }
}
