package io.mentorium.adapters.persistence.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.mentorium.adapters.persistence.DatabasePools;
import io.mentorium.adapters.persistence.JdbiFactory;
import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.adapters.persistence.demo.DemoPlatformData;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.application.port.out.contract.PlatformData;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import java.math.BigDecimal;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database holding the platform relations of contract §4 in a non-default schema, created by the demo changelog
 * ({@link DemoPlatformData}) and then filled with exactly the rows of a {@link PlatformData}. Readers get a
 * {@link Jdbi} over a <em>read-only</em> pool, as in production; the rows are written through a plain data source.
 *
 * <p>One per test class, as a JUnit extension ({@code @RegisterExtension static final PlatformFixture platform = new
 * PlatformFixture();}): the database is created before the class's tests and the pool closed after them.
 */
final class PlatformFixture implements BeforeAllCallback, AfterAllCallback {

    static final PlatformSchema SCHEMA = new PlatformSchema("platform_under_test");

    private TestDatabase.Database database;
    private Jdbi writer;
    private HikariDataSource readOnlyPool;
    private Jdbi reader;
    private PlatformData loaded;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestDatabase.freshDatabase();
        DemoPlatformData.install(database.dataSource(), SCHEMA.name(), DemoPlatformData.DEFAULT_SEED, Instant.now());
        writer = JdbiFactory.create(database.dataSource());
        readOnlyPool = DatabasePools.readOnlyPlatform(MigratedDatabase.settings(database), 2);
        reader = JdbiFactory.create(readOnlyPool);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        readOnlyPool.close();
    }

    /**
     * A {@link Jdbi} over the read-only platform pool, the platform holding {@code data}: loaded on the first call, and
     * again only when a call brings other data (the rows never change between the tests of a contract).
     */
    Jdbi readerOver(PlatformData data) {
        if (!data.equals(loaded)) {
            load(data);
        }
        return reader;
    }

    /** Replaces the platform's rows with {@code data}. */
    void load(PlatformData data) {
        writer.useTransaction(handle -> {
            handle.execute(sql("TRUNCATE %1$s.activities, %1$s.enrollments, %1$s.link_codes, %1$s.guardians, "
                    + "%1$s.courses, %1$s.learners"));
            for (PlatformData.GuardedLearner guarded : data.learners()) {
                handle.createUpdate(sql("INSERT INTO %s.learners (id, full_name, grade, timezone, active) "
                                + "VALUES (:id, :name, :grade, :zone, :active)"))
                        .bind("id", guarded.learner().id().value())
                        .bind("name", guarded.learner().fullName())
                        .bind("grade", guarded.learner().grade().orElse(null))
                        .bind("zone", guarded.learner().timeZone().getId())
                        .bind("active", guarded.learner().active())
                        .execute();
                for (Email email : guarded.guardians()) {
                    handle.createUpdate(sql("INSERT INTO %s.guardians (learner_id, email) VALUES (:id, :email)"))
                            .bind("id", guarded.learner().id().value()).bind("email", email.value()).execute();
                }
            }
            for (LinkCode code : data.codes()) {
                handle.createUpdate(sql("INSERT INTO %s.link_codes (learner_id, code, expires_at) "
                                + "VALUES (:id, :code, :expires)"))
                        .bind("id", code.learnerId().value()).bind("code", code.code())
                        .bind("expires", code.expiresAt().orElse(null)).execute();
            }
            for (Course course : data.courses()) {
                handle.createUpdate(sql("INSERT INTO %s.courses (id, title, subject) VALUES (:id, :title, :subject)"))
                        .bind("id", course.id().value()).bind("title", course.title())
                        .bind("subject", course.subject()).execute();
            }
            for (Enrollment enrollment : data.enrollments()) {
                handle.createUpdate(sql("INSERT INTO %s.enrollments (learner_id, course_id, enrolled_at, "
                                + "progress_percent) VALUES (:learner, :course, :at, :progress)"))
                        .bind("learner", enrollment.learnerId().value())
                        .bind("course", enrollment.course().id().value())
                        .bind("at", enrollment.enrolledAt())
                        .bind("progress", BigDecimal.valueOf(enrollment.progressPercent()))
                        .execute();
            }
            for (ActivityFact fact : data.activities()) {
                insertActivity(handle, fact.id(), fact.learnerId().value(),
                        fact.courseId().map(id -> id.value()).orElse(null), fact.kind().platformName(), fact.title(),
                        fact.score().isPresent() ? BigDecimal.valueOf(fact.score().getAsDouble()) : null,
                        fact.durationSeconds(), fact.occurredAt());
            }
        });
        loaded = data;
    }

    void insertActivity(Handle handle, long id, String learnerId, String courseId, String kind, String title,
                        BigDecimal score, int durationSeconds, Instant occurredAt) {
        handle.createUpdate(sql("INSERT INTO %s.activities (id, learner_id, course_id, kind, title, score, "
                        + "duration_seconds, occurred_at) VALUES (:id, :learner, :course, :kind, :title, :score, "
                        + ":duration, :at)"))
                .bind("id", id).bind("learner", learnerId).bind("course", courseId).bind("kind", kind)
                .bind("title", title).bind("score", score).bind("duration", durationSeconds).bind("at", occurredAt)
                .execute();
    }

    /** Writes outside the read-only pool, for tests adding odd rows. */
    Jdbi writer() {
        return writer;
    }

    /** A {@link Jdbi} over the read-only platform pool. */
    Jdbi reader() {
        return reader;
    }

    TestDatabase.Database database() {
        return database;
    }

    static String sql(String template) {
        return template.formatted(SCHEMA.quoted());
    }
}
