package io.mentorium.adapters.persistence.platform;

import io.mentorium.adapters.persistence.platform.PlatformRows.CodeRow;
import io.mentorium.adapters.persistence.platform.PlatformRows.LearnerRow;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's learners, guardians and link codes (contract §4), read through the read-only platform pool. Rows the
 * domain cannot accept (a blank name) are skipped with a warning naming only the learner id; an unknown time zone
 * falls back to {@code Asia/Tashkent}, the platform's own default.
 */
public final class JdbiLearnerDirectory implements LearnerDirectory {

    static final ZoneId PLATFORM_DEFAULT_ZONE = ZoneId.of("Asia/Tashkent");
    private static final Logger LOG = LoggerFactory.getLogger(JdbiLearnerDirectory.class);

    private final Jdbi jdbi;
    private final PlatformSchema schema;
    private final String learnersSql;

    /** @param jdbi a {@link Jdbi} over the platform's read-only pool */
    public JdbiLearnerDirectory(Jdbi jdbi, PlatformSchema schema) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.learnersSql = "SELECT l.id, l.full_name, l.grade, l.timezone, l.active FROM " + schema.quoted()
                + ".learners l WHERE l.id = ANY(?) ORDER BY l.id";
    }

    @Override
    public List<Learner> findByIds(Collection<LearnerId> ids) {
        String[] values = PlatformReads.ids(ids);
        if (values.length == 0) {
            return List.of();
        }
        // The children screen reads this on a chat's turn.
        return toLearners(PlatformReads.byIds(jdbi, "read learners", schema, learnersSql, values,
                rows -> new LearnerRow(rows.getString("id"), rows.getString("full_name"), rows.getString("grade"),
                        rows.getString("timezone"), rows.getBoolean("active"))));
    }

    @Override
    public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
        if (typedCode == null || typedCode.isBlank()) {
            return List.of();
        }
        List<CodeRow> rows = PlatformReads.call("read the link codes of a guardian", schema,
                () -> jdbi.withExtension(PlatformDao.class, dao -> dao.codesForGuardian(schema.quoted(), email.value(),
                        LinkCode.normalize(typedCode))));
        List<LinkCode> matching = new ArrayList<>(rows.size());
        for (CodeRow row : rows) {
            if (row.code() == null || row.code().isBlank()) {
                continue;
            }
            LinkCode code = new LinkCode(new LearnerId(row.learnerId()), row.code(), Optional.ofNullable(row.expiresAt()));
            if (code.matches(typedCode)) { // the query lets codes beyond printable ASCII through to this comparison
                matching.add(code);
            }
        }
        return matching;
    }

    private static List<Learner> toLearners(List<LearnerRow> rows) {
        List<Learner> learners = new ArrayList<>(rows.size());
        for (LearnerRow row : rows) {
            try {
                learners.add(new Learner(new LearnerId(row.id()), row.fullName() == null ? "" : row.fullName(),
                        Optional.ofNullable(row.grade()), zone(row), row.active()));
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.warn("Skipping platform learner {}: {}", row.id(), e.getClass().getSimpleName());
            }
        }
        return learners;
    }

    private static ZoneId zone(LearnerRow row) {
        if (row.timezone() == null || row.timezone().isBlank()) {
            return PLATFORM_DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(row.timezone().strip());
        } catch (DateTimeException e) {
            LOG.warn("Platform learner {} has an unknown time zone; using {}", row.id(), PLATFORM_DEFAULT_ZONE);
            return PLATFORM_DEFAULT_ZONE;
        }
    }
}
