package io.mentorium.adapters.persistence.platform;

import io.mentorium.adapters.persistence.jdbi.HotPath;
import io.mentorium.adapters.persistence.platform.PlatformRows.ActivityRow;
import io.mentorium.adapters.persistence.platform.PlatformRows.EnrollmentRow;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TimeWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learners' activity and enrollments from the platform (contract §4), one query per call whatever the number of
 * learners. Activity kinds the bot does not know are the platform's business and are left out; a row the domain
 * refuses (a score outside 0..100, a negative duration) is skipped with a warning naming only its id; a progress
 * figure outside 0..100 is clamped.
 */
public final class JdbiActivitySource implements ActivitySource {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiActivitySource.class);
    private static final String[] KNOWN_KINDS = Arrays.stream(ActivityKind.values())
            .map(ActivityKind::platformName).toArray(String[]::new);

    private final Jdbi jdbi;
    private final PlatformSchema schema;
    private final String enrollmentsSql;

    /** @param jdbi a {@link Jdbi} over the platform's read-only pool */
    public JdbiActivitySource(Jdbi jdbi, PlatformSchema schema) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.enrollmentsSql = """
                SELECT e.learner_id, e.course_id, c.title AS course_title, c.subject AS course_subject,
                       e.enrolled_at, e.progress_percent
                  FROM %1$s.enrollments e
                  JOIN %1$s.courses c ON c.id = e.course_id
                 WHERE e.learner_id = ANY(?)
                 ORDER BY e.learner_id, e.enrolled_at, e.course_id
                """.formatted(schema.quoted());
    }

    @Override
    public List<ActivityFact> activities(Collection<LearnerId> learnerIds, TimeWindow window) {
        String[] ids = PlatformReads.ids(learnerIds);
        if (ids.length == 0 || !window.to().isAfter(window.from())) {
            return List.of();
        }
        List<ActivityRow> rows = PlatformReads.call("read activities", schema, () -> jdbi.withExtension(
                PlatformDao.class,
                dao -> dao.activities(schema.quoted(), ids, window.from(), window.to(), KNOWN_KINDS)));
        List<ActivityFact> facts = new ArrayList<>(rows.size());
        for (ActivityRow row : rows) {
            Optional<ActivityKind> kind = ActivityKind.fromPlatformName(row.kind());
            if (kind.isEmpty()) {
                continue;
            }
            try {
                facts.add(new ActivityFact(row.id(), new LearnerId(row.learnerId()),
                        Optional.ofNullable(row.courseId()).filter(id -> !id.isBlank()).map(CourseId::new), kind.get(),
                        row.title() == null ? "" : row.title(),
                        row.score() == null ? OptionalDouble.empty() : OptionalDouble.of(row.score().doubleValue()),
                        row.durationSeconds(), row.occurredAt()));
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.warn("Skipping platform activity {}: {}", row.id(), e.getClass().getSimpleName());
            }
        }
        return facts;
    }

    @Override
    public List<Enrollment> enrollments(Collection<LearnerId> learnerIds) {
        String[] ids = PlatformReads.ids(learnerIds);
        if (ids.length == 0) {
            return List.of();
        }
        // Every answer's list_children reads this.
        List<EnrollmentRow> rows = PlatformReads.byIds(jdbi, "read enrollments", schema, enrollmentsSql, ids,
                row -> new EnrollmentRow(row.getString("learner_id"), row.getString("course_id"),
                        row.getString("course_title"), row.getString("course_subject"),
                        HotPath.getInstant(row, "enrolled_at"), row.getBigDecimal("progress_percent")));
        List<Enrollment> enrollments = new ArrayList<>(rows.size());
        for (EnrollmentRow row : rows) {
            double progress = Math.max(0, Math.min(100, row.progressPercent().doubleValue()));
            try {
                enrollments.add(new Enrollment(new LearnerId(row.learnerId()),
                        new Course(new CourseId(row.courseId()), row.courseTitle(), row.courseSubject()),
                        row.enrolledAt(), progress));
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.warn("Skipping platform enrollment of learner {}: {}", row.learnerId(),
                        e.getClass().getSimpleName());
            }
        }
        return enrollments;
    }
}
