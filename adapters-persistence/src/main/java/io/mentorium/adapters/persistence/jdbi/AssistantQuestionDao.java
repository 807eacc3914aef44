package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code bot.assistant_questions}; a question is open while {@code closed_at} is null. */
@RegisterConstructorMapper(QuestionRow.class)
interface AssistantQuestionDao {

    @SqlQuery("""
            SELECT id, parent_id, chat_id, text, attempts, asked_at
              FROM bot.assistant_questions
             WHERE closed_at IS NULL AND id > :afterId
             ORDER BY id
             LIMIT :limit
            """)
    List<QuestionRow> open(long afterId, int limit);

    /** At most {@code limit} closed questions; by ctid, because DELETE has no LIMIT of its own. */
    @SqlUpdate("""
            DELETE FROM bot.assistant_questions
             WHERE ctid = ANY (ARRAY(SELECT ctid FROM bot.assistant_questions
                                      WHERE closed_at IS NOT NULL AND asked_at < :before
                                      LIMIT :limit))
            """)
    int purgeClosedBefore(Instant before, int limit);
}
