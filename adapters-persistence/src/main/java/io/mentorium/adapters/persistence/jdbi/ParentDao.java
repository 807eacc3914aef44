package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ParentRow.class)
@RegisterConstructorMapper(LinkRow.class)
interface ParentDao {

    String PARENT_COLUMNS = "telegram_user_id, chat_id, language, role, enabled_notifications, report_kinds, "
            + "quiet_start, quiet_end, blocked_at, registered_at";

    @SqlUpdate("""
            INSERT INTO bot.parents (telegram_user_id, chat_id, language, role, enabled_notifications, report_kinds,
                                     quiet_start, quiet_end, blocked_at, registered_at)
            VALUES (:telegramUserId, :chatId, :language, :role, :enabledNotifications, :reportKinds,
                    :quietStart, :quietEnd, :blockedAt, :registeredAt)
            ON CONFLICT (telegram_user_id) DO UPDATE SET
                chat_id = EXCLUDED.chat_id,
                language = EXCLUDED.language,
                role = EXCLUDED.role,
                enabled_notifications = EXCLUDED.enabled_notifications,
                report_kinds = EXCLUDED.report_kinds,
                quiet_start = EXCLUDED.quiet_start,
                quiet_end = EXCLUDED.quiet_end,
                blocked_at = EXCLUDED.blocked_at,
                registered_at = EXCLUDED.registered_at,
                updated_at = now()
            """)
    void upsert(long telegramUserId, long chatId, String language, String role, String[] enabledNotifications,
                String[] reportKinds, LocalTime quietStart, LocalTime quietEnd, Instant blockedAt,
                Instant registeredAt);

    // Rows are bound field by field: Jdbi's @BindMethods only sees methods of public types, and rows stay private.
    default void upsert(ParentRow p) {
        upsert(p.telegramUserId(), p.chatId(), p.language(), p.role(), p.enabledNotifications(), p.reportKinds(),
                p.quietStart(), p.quietEnd(), p.blockedAt(), p.registeredAt());
    }

    @SqlUpdate("DELETE FROM bot.parent_learners WHERE parent_id = :parentId")
    void deleteLinks(long parentId);

    @SqlBatch("""
            INSERT INTO bot.parent_learners (parent_id, learner_id, via_email, linked_at, link_order)
            VALUES (:parentId, :learnerId, :viaEmail, :linkedAt, :linkOrder)
            """)
    void insertLinks(long parentId, List<String> learnerId, List<String> viaEmail, List<Instant> linkedAt,
                     List<Integer> linkOrder);

    default void insertLinks(long parentId, List<LinkRow> links) {
        insertLinks(parentId, links.stream().map(LinkRow::learnerId).toList(),
                links.stream().map(LinkRow::viaEmail).toList(), links.stream().map(LinkRow::linkedAt).toList(),
                links.stream().map(LinkRow::linkOrder).toList());
    }

    @SqlQuery("""
            SELECT p.telegram_user_id, p.chat_id, p.language, p.role, p.enabled_notifications, p.report_kinds,
                   p.quiet_start, p.quiet_end, p.blocked_at, p.registered_at
              FROM bot.parents p
             WHERE EXISTS (SELECT 1 FROM bot.parent_learners l
                            WHERE l.parent_id = p.telegram_user_id AND l.learner_id = :learnerId)
             ORDER BY p.telegram_user_id
            """)
    List<ParentRow> linkedTo(String learnerId);

    @SqlQuery("SELECT " + PARENT_COLUMNS + " FROM bot.parents WHERE telegram_user_id > :after "
            + "ORDER BY telegram_user_id LIMIT :limit")
    List<ParentRow> page(long after, int limit);

    @SqlQuery("""
            SELECT parent_id, learner_id, via_email, linked_at, link_order
              FROM bot.parent_learners
             WHERE parent_id = ANY(:parentIds)
             ORDER BY parent_id, link_order
            """)
    List<LinkRow> links(long[] parentIds);

    @SqlQuery("SELECT count(*) FROM bot.parents")
    long count();
}
