package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Rows travel as parallel arrays and go in with one {@code unnest}, so a transaction's events cost one statement;
 * details are JSON text built by {@link EventRow#detailsJson()} and come back taken apart by PostgreSQL.
 */
@RegisterConstructorMapper(EventRow.class)
interface EventLogDao {

    @SqlUpdate("""
            INSERT INTO bot.event_log (type, actor_id, details, occurred_at)
            SELECT e.type, NULLIF(e.actor, 0), e.details, e.occurred_at
              FROM unnest(CAST(:types AS text[]), CAST(:actors AS bigint[]), CAST(:details AS jsonb[]),
                          CAST(:times AS timestamptz[])) AS e (type, actor, details, occurred_at)
            """)
    void insert(String[] types, long[] actors, String[] details, String[] times);

    default void insert(List<EventRow> rows) {
        int n = rows.size();
        String[] types = new String[n];
        long[] actors = new long[n];
        String[] details = new String[n];
        String[] times = new String[n];
        for (int i = 0; i < n; i++) {
            EventRow row = rows.get(i);
            types[i] = row.type();
            // Telegram user ids are positive: 0 stands for "no actor" and becomes NULL in the statement.
            actors[i] = row.actorId() == null ? 0 : row.actorId();
            details[i] = row.detailsJson();
            times[i] = row.occurredAt().toString();
        }
        insert(types, actors, details, times);
    }

    String SELECT = """
            SELECT type, actor_id,
                   ARRAY(SELECT d.key FROM jsonb_each_text(details) d ORDER BY d.key) AS detail_keys,
                   ARRAY(SELECT d.value FROM jsonb_each_text(details) d ORDER BY d.key) AS detail_values,
                   occurred_at
              FROM bot.event_log
            """;

    @SqlQuery(SELECT + " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
    List<EventRow> recent(int limit);

    /**
     * {@code typePrefix} matches the type itself or its dotted family; the {@code text_pattern_ops} index on type
     * serves the {@code LIKE}, the one on (actor, time) an actor's history.
     */
    @SqlQuery(SELECT + """
             WHERE occurred_at >= :from AND occurred_at < :to
               AND (CAST(:type AS text) IS NULL OR type = :type OR type LIKE :type || '.%')
               AND (CAST(:actor AS bigint) IS NULL OR actor_id = :actor)
             ORDER BY occurred_at DESC, id DESC
             LIMIT :limit
            """)
    List<EventRow> find(String type, Long actor, Instant from, Instant to, int limit);

    @SqlUpdate("""
            DELETE FROM bot.event_log
             WHERE ctid = ANY (ARRAY(SELECT ctid FROM bot.event_log WHERE occurred_at < :before LIMIT :limit))
            """)
    int purgeBefore(Instant before, int limit);
}
