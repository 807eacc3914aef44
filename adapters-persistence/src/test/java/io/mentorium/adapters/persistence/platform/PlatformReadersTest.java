package io.mentorium.adapters.persistence.platform;

import static io.mentorium.application.port.out.contract.PlatformData.AZIZA;
import static io.mentorium.application.port.out.contract.PlatformData.BOBUR;
import static io.mentorium.application.port.out.contract.PlatformData.DILYA;
import static io.mentorium.application.port.out.contract.PlatformData.OTHER;
import static io.mentorium.application.port.out.contract.PlatformData.WEEK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.JdbiFactory;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.contract.PlatformData;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import java.time.Duration;
import java.time.ZoneId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the platform readers cope with what the platform may hold beyond the contract's tidy data, and how they query. */
class PlatformReadersTest {

    /** Codes SQL alone would compare differently from {@link LinkCode#matches}: padded, tabbed, beyond ASCII. */
    private static final List<String> ODD_CODES =
            List.of("  padded-9  ", "tabbed-1\t", "öffnen-3", "\u2003wide-4", "straße-5");

    @RegisterExtension
    static final PlatformFixture platform = new PlatformFixture();

    @BeforeAll
    static void load() {
        platform.load(PlatformData.standard());
        platform.writer().useHandle(h -> {
            platform.insertActivity(h, 100, AZIZA.value(), null, "video_watched", "A kind the bot does not know", null,
                    60, WEEK.from().plus(Duration.ofHours(2)));
            platform.insertActivity(h, 101, AZIZA.value(), "", "practice", "Blank course id", null,
                    60, WEEK.from().plus(Duration.ofHours(3)));
            h.execute(PlatformFixture.sql("INSERT INTO %s.learners (id, full_name, grade, timezone) "
                    + "VALUES ('L-zone', 'Zarina Odd', '  ', 'Mars/Olympus'), ('L-blank', '   ', NULL, 'UTC')"));
            h.execute(PlatformFixture.sql("INSERT INTO %s.enrollments (learner_id, course_id, enrolled_at, "
                    + "progress_percent) VALUES ('L-zone', 'C-math', now(), 120.5)"));
            for (String code : ODD_CODES) {
                h.createUpdate(PlatformFixture.sql("INSERT INTO %s.link_codes (learner_id, code) VALUES (:id, :code)"))
                        .bind("id", AZIZA.value()).bind("code", code).execute();
            }
        });
    }

    @Test
    void activity_kinds_the_bot_does_not_know_are_left_out_and_a_blank_course_is_no_course() {
        List<ActivityFact> facts = new JdbiActivitySource(platform.reader(), PlatformFixture.SCHEMA)
                .activities(List.of(AZIZA), WEEK);

        assertThat(facts).extracting(ActivityFact::id).containsExactly(1L, 101L, 3L, 5L);
        assertThat(facts.get(1).courseId()).isEmpty();
    }

    @Test
    void an_unknown_time_zone_falls_back_to_tashkent_a_blank_grade_is_none_and_a_nameless_learner_is_skipped() {
        JdbiLearnerDirectory directory = new JdbiLearnerDirectory(platform.reader(), PlatformFixture.SCHEMA);

        var found = directory.findByIds(List.of(new LearnerId("L-zone"), new LearnerId("L-blank")));

        assertThat(found).singleElement().satisfies(learner -> {
            assertThat(learner.timeZone()).isEqualTo(ZoneId.of("Asia/Tashkent"));
            assertThat(learner.grade()).isEmpty();
        });
    }

    @Test
    void a_progress_figure_beyond_100_is_read_as_100() {
        var enrollments = new JdbiActivitySource(platform.reader(), PlatformFixture.SCHEMA)
                .enrollments(List.of(new LearnerId("L-zone")));

        assertThat(enrollments).singleElement().satisfies(e -> assertThat(e.progressPercent()).isEqualTo(100.0));
    }

    @Test
    void each_read_is_one_query_whatever_the_number_of_learners() {
        // Counted where every statement passes, Jdbi's or plain JDBC: the connection.
        AtomicInteger statements = new AtomicInteger();
        Jdbi counting = JdbiFactory.create(countingStatements(platform.database().dataSource(), statements));
        List<LearnerId> many = List.of(AZIZA, BOBUR, DILYA, OTHER, new LearnerId("L-zone"));
        JdbiActivitySource source = new JdbiActivitySource(counting, PlatformFixture.SCHEMA);
        JdbiLearnerDirectory directory = new JdbiLearnerDirectory(counting, PlatformFixture.SCHEMA);

        source.activities(many, WEEK);
        source.enrollments(many);
        directory.findByIds(many);
        directory.findCodesForGuardian(PlatformData.MOM, "AZIZA-2026");

        assertThat(statements).hasValue(4);
    }

    private static DataSource countingStatements(DataSource real, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (innerProxy, innerMethod, innerArgs) -> {
                                if (innerMethod.getName().startsWith("prepare")
                                        || innerMethod.getName().equals("createStatement")) {
                                    statements.incrementAndGet();
                                }
                                return invoke(connection, innerMethod, innerArgs);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void codes_are_matched_as_the_domain_matches_them_even_where_sql_would_differ() {
        JdbiLearnerDirectory directory = new JdbiLearnerDirectory(platform.reader(), PlatformFixture.SCHEMA);

        for (String typed : List.of("PADDED-9", "tabbed-1", " ÖFFNEN-3", "WIDE-4", "STRASSE-5", "straße-5",
                "padded 9", "TABBED1", "öffnen – 3", "wide4")) {
            String stored = ODD_CODES.stream()
                    .filter(code -> new LinkCode(AZIZA, code, Optional.empty()).matches(typed))
                    .findFirst().orElseThrow();
            assertThat(directory.findCodesForGuardian(PlatformData.MOM, typed)).as(typed)
                    .containsExactly(new LinkCode(AZIZA, stored, Optional.empty()));
        }
        assertThat(directory.findCodesForGuardian(PlatformData.MOM, "ÖFFNEN-4")).isEmpty();
        assertThat(directory.findCodesForGuardian(PlatformData.OTHER_GUARDIAN, "ÖFFNEN-3")).isEmpty();
    }

    @Test
    void the_code_query_itself_answers_no_row_for_a_wrong_code_as_for_an_unknown_email() {
        String schema = PlatformFixture.SCHEMA.quoted();
        String guardian = PlatformData.OTHER_GUARDIAN.value();

        List<PlatformRows.CodeRow> right = platform.reader().withExtension(PlatformDao.class,
                dao -> dao.codesForGuardian(schema, guardian, LinkCode.normalize("aziza 2026")));
        List<PlatformRows.CodeRow> wrongCode = platform.reader().withExtension(PlatformDao.class,
                dao -> dao.codesForGuardian(schema, guardian, LinkCode.normalize("AZIZA-2027")));
        List<PlatformRows.CodeRow> unknownEmail = platform.reader().withExtension(PlatformDao.class,
                dao -> dao.codesForGuardian(schema, "stranger@example.com", LinkCode.normalize("AZIZA-2026")));

        assertThat(right).extracting(PlatformRows.CodeRow::learnerId).containsExactly(OTHER.value());
        assertThat(wrongCode).isEmpty();
        assertThat(unknownEmail).isEmpty();
    }

    @Test
    void a_missing_schema_is_reported_by_name() {
        JdbiLearnerDirectory directory = new JdbiLearnerDirectory(platform.reader(), new PlatformSchema("nowhere"));

        assertThatThrownBy(() -> directory.findByIds(List.of(AZIZA)))
                .isInstanceOf(StorageException.class)
                .hasMessage("Could not read learners from platform schema nowhere (SQLState 42P01)");
    }

    @Test
    void a_schema_name_must_be_a_plain_lower_case_identifier() {
        assertThat(new PlatformSchema("platform_v2").quoted()).isEqualTo("\"platform_v2\"");
        assertThat(new PlatformSchema("_p").name()).isEqualTo("_p");
        for (String bad : List.of("", "Platform", "2platform", "platform; DROP TABLE learners", "plat\"form",
                "public.learners", "x".repeat(64))) {
            assertThatThrownBy(() -> new PlatformSchema(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PLATFORM_SCHEMA");
        }
    }
}
