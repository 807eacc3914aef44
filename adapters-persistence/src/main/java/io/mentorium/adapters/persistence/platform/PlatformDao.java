package io.mentorium.adapters.persistence.platform;

import io.mentorium.adapters.persistence.platform.PlatformRows.ActivityRow;
import io.mentorium.adapters.persistence.platform.PlatformRows.CodeRow;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Set-based reads of the platform relations: every query takes all the learners it is about as one array
 * ({@code = ANY(:ids)}) or finds them by guardian e-mail, never one query per learner. {@code <schema>} is the quoted
 * {@link PlatformSchema}.
 */
@RegisterConstructorMapper(CodeRow.class)
@RegisterConstructorMapper(ActivityRow.class)
interface PlatformDao {

    /**
     * The codes of the active learners {@code email} guards that equal {@code code} (typed, then normalized as
     * {@code LinkCode.normalize} does: spaces and dashes dropped, upper-cased) once normalized themselves: one query,
     * answering no row for an unknown e-mail and a wrong code alike. The comparison is the domain's own for codes of
     * printable ASCII (there the only separators are the space and the hyphen-minus, and upper-casing in the C
     * collation maps a-z only, as Java does for them); any other code of the family is returned too, for the caller
     * to compare as {@code LinkCode.matches} does.
     */
    @SqlQuery("""
            SELECT c.learner_id, c.code, c.expires_at
              FROM <schema>.guardians g
              JOIN <schema>.learners l ON l.id = g.learner_id
              JOIN <schema>.link_codes c ON c.learner_id = g.learner_id
             WHERE g.email = :email
               AND (upper(translate(c.code, ' -', '') COLLATE "C") = :code OR c.code !~ '^[ -~]*$')
             ORDER BY c.learner_id, c.code
            """)
    List<CodeRow> codesForGuardian(@Define("schema") String schema, String email, String code);

    @SqlQuery("""
            SELECT a.id, a.learner_id, a.course_id, a.kind, a.title, a.score, a.duration_seconds, a.occurred_at
              FROM <schema>.activities a
             WHERE a.learner_id = ANY(:ids)
               AND a.occurred_at >= :from AND a.occurred_at \\< :to
               AND a.kind = ANY(:kinds)
             ORDER BY a.occurred_at, a.id
            """)
    List<ActivityRow> activities(@Define("schema") String schema, String[] ids, Instant from, Instant to,
                                 String[] kinds);
}
