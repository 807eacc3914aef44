package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.NotificationPreferences;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.parent.LearnerLink;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Parents in {@code bot.parents} with their links in {@code bot.parent_learners}. Saving writes the parent row and
 * replaces its link rows in one transaction: the caller's, when it runs inside
 * {@link JdbiTransactionRunner#inTransaction}, otherwise one of its own. Reads fetch parents, then the links of all of
 * them in one more query.
 */
public final class JdbiParentRepository implements ParentRepository {

    private static final String WITH_LINKS = """
            SELECT p.telegram_user_id, p.chat_id, p.language, p.role, p.enabled_notifications, p.report_kinds,
                   p.quiet_start, p.quiet_end, p.blocked_at, p.registered_at,
                   l.learner_id, l.via_email, l.linked_at, l.link_order
              FROM bot.parents p
              LEFT JOIN bot.parent_learners l ON l.parent_id = p.telegram_user_id
            """;
    private static final String FIND_BY_ID = WITH_LINKS + " WHERE p.telegram_user_id = ? ORDER BY l.link_order";
    static final String FIND_BY_IDS = WITH_LINKS
            + " WHERE p.telegram_user_id = ANY (?) ORDER BY p.telegram_user_id, l.link_order";
    // Most recently registered first, should a chat ever have been recorded for two parents.
    private static final String FIND_BY_CHAT = WITH_LINKS + """
             WHERE p.telegram_user_id = (SELECT telegram_user_id FROM bot.parents WHERE chat_id = ?
                                          ORDER BY registered_at DESC LIMIT 1)
             ORDER BY l.link_order
            """;

    private final Jdbi jdbi;

    public JdbiParentRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    // Every update of a registered parent starts here: the parent and its links in one round trip, in plain JDBC
    // (see HotPath).
    @Override
    public Optional<Parent> findById(TelegramUserId id) {
        Optional<Optional<ReadAhead.ParentWithLinks>> ahead = ReadAhead.parent(id.value());
        if (ahead.isPresent()) {
            return ahead.get().map(found -> toParent(found.row(), found.links()));
        }
        return HotPath.query(jdbi, "load a parent", FIND_BY_ID,
                (statement, connection) -> statement.setLong(1, id.value()), JdbiParentRepository::parentWithLinks);
    }

    /** One statement for the whole batch; {@link #findById} then serves them for the transaction (see ReadAhead). */
    @Override
    public void readAhead(Collection<TelegramUserId> ids) {
        if (ids.isEmpty() || !ReadAhead.possible()) {
            return;
        }
        long[] wanted = ids.stream().mapToLong(TelegramUserId::value).distinct().toArray();
        Map<Long, ReadAhead.ParentWithLinks> found = HotPath.query(jdbi, "read parents ahead", FIND_BY_IDS,
                (statement, connection) -> HotPath.setLongs(statement, 1, wanted),
                JdbiParentRepository::parentsWithLinks);
        Map<Long, Optional<ReadAhead.ParentWithLinks>> read = new HashMap<>();
        for (long id : wanted) {
            read.put(id, Optional.ofNullable(found.get(id)));
        }
        ReadAhead.parentsRead(read);
    }

    @Override
    public Optional<Parent> findByChat(ChatId chatId) {
        return HotPath.query(jdbi, "load the parent of a chat", FIND_BY_CHAT,
                (statement, connection) -> statement.setLong(1, chatId.value()),
                JdbiParentRepository::parentWithLinks);
    }

    /** One parent's row repeated once per link (or once, without a link), links in their order. */
    private static Optional<Parent> parentWithLinks(ResultSet rows) throws SQLException {
        return parentsWithLinks(rows).values().stream().findFirst()
                .map(found -> toParent(found.row(), found.links()));
    }

    /** Parents' rows, each repeated once per link (or once, without a link) and grouped, links in their order. */
    private static Map<Long, ReadAhead.ParentWithLinks> parentsWithLinks(ResultSet rows) throws SQLException {
        Map<Long, ReadAhead.ParentWithLinks> found = new LinkedHashMap<>();
        ParentRow parent = null;
        List<LearnerLink> links = new ArrayList<>();
        while (rows.next()) {
            if (parent == null || parent.telegramUserId() != rows.getLong("telegram_user_id")) {
                if (parent != null) {
                    found.put(parent.telegramUserId(), new ReadAhead.ParentWithLinks(parent, links));
                }
                parent = parentRow(rows);
                links = new ArrayList<>();
            }
            linkOf(rows, parent).ifPresent(links::add);
        }
        if (parent != null) {
            found.put(parent.telegramUserId(), new ReadAhead.ParentWithLinks(parent, links));
        }
        return found;
    }

    private static ParentRow parentRow(ResultSet rows) throws SQLException {
        return new ParentRow(rows.getLong("telegram_user_id"), rows.getLong("chat_id"),
                rows.getString("language"), rows.getString("role"),
                (String[]) rows.getArray("enabled_notifications").getArray(),
                (String[]) rows.getArray("report_kinds").getArray(),
                rows.getObject("quiet_start", LocalTime.class), rows.getObject("quiet_end", LocalTime.class),
                HotPath.getInstant(rows, "blocked_at"), HotPath.getInstant(rows, "registered_at"));
    }

    /** The link on the current row of {@link #WITH_LINKS}, if the parent has any. */
    private static Optional<LearnerLink> linkOf(ResultSet rows, ParentRow parent) throws SQLException {
        String learnerId = rows.getString("learner_id");
        return learnerId == null ? Optional.empty()
                : Optional.of(toLink(new LinkRow(parent.telegramUserId(), learnerId, rows.getString("via_email"),
                        HotPath.getInstant(rows, "linked_at"), rows.getInt("link_order"))));
    }

    @Override
    public void save(Parent parent) {
        ParentRow row = toRow(parent);
        List<LinkRow> links = new ArrayList<>();
        for (LearnerLink link : parent.links()) {
            links.add(new LinkRow(parent.id().value(), link.learnerId().value(), link.viaEmail().value(),
                    link.linkedAt(), links.size()));
        }
        ReadAhead.keyedWrite(Optional.of(row.telegramUserId()), Optional.empty(),
                () -> Storage.run("save a parent", () -> jdbi.useTransaction(handle -> {
                    ParentDao dao = handle.attach(ParentDao.class);
                    dao.upsert(row);
                    dao.deleteLinks(row.telegramUserId());
                    if (!links.isEmpty()) {
                        dao.insertLinks(row.telegramUserId(), links);
                    }
                })));
    }

    @Override
    public List<Parent> findLinkedTo(LearnerId learnerId) {
        return Storage.call("load the parents of a learner", () -> jdbi.withExtension(ParentDao.class,
                dao -> withLinks(dao, dao.linkedTo(learnerId.value()))));
    }

    @Override
    public List<Parent> findPage(Optional<TelegramUserId> after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        long afterId = after.map(TelegramUserId::value).orElse(0L);
        return Storage.call("load a page of parents", () -> jdbi.withExtension(ParentDao.class,
                dao -> withLinks(dao, dao.page(afterId, limit))));
    }

    @Override
    public long count() {
        return Storage.call("count parents", () -> jdbi.withExtension(ParentDao.class, ParentDao::count));
    }

    private static List<Parent> withLinks(ParentDao dao, List<ParentRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        long[] ids = rows.stream().mapToLong(ParentRow::telegramUserId).toArray();
        Map<Long, List<LearnerLink>> links = new LinkedHashMap<>();
        for (LinkRow link : dao.links(ids)) {
            links.computeIfAbsent(link.parentId(), id -> new ArrayList<>()).add(toLink(link));
        }
        return rows.stream().map(row -> toParent(row, links.getOrDefault(row.telegramUserId(), List.of()))).toList();
    }

    private static ParentRow toRow(Parent parent) {
        NotificationPreferences preferences = parent.preferences();
        return new ParentRow(parent.id().value(), parent.chatId().value(), parent.language().code(),
                parent.role().name(), Storage.names(preferences.enabledKinds()), Storage.names(preferences.reports()),
                preferences.quietHours().map(QuietHours::start).orElse(null),
                preferences.quietHours().map(QuietHours::end).orElse(null),
                parent.blockedAt().orElse(null), parent.registeredAt());
    }

    private static Parent toParent(ParentRow row, List<LearnerLink> links) {
        try {
            EnumSet<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
            Arrays.stream(row.enabledNotifications()).map(NotificationKind::valueOf).forEach(kinds::add);
            EnumSet<ReportKind> reports = EnumSet.noneOf(ReportKind.class);
            Arrays.stream(row.reportKinds()).map(ReportKind::valueOf).forEach(reports::add);
            Optional<QuietHours> quiet = row.quietStart() == null
                    ? Optional.empty()
                    : Optional.of(new QuietHours(row.quietStart(), row.quietEnd()));
            Language language = Language.fromCode(row.language())
                    .orElseThrow(() -> new IllegalArgumentException("unknown language"));
            return Parent.restore(new TelegramUserId(row.telegramUserId()), new ChatId(row.chatId()), language,
                    ParentRole.valueOf(row.role()), new NotificationPreferences(kinds, quiet, reports),
                    Optional.ofNullable(row.blockedAt()), row.registeredAt(), links);
        } catch (RuntimeException e) {
            throw Storage.corrupt("parent " + row.telegramUserId(), e);
        }
    }

    private static LearnerLink toLink(LinkRow row) {
        try {
            return new LearnerLink(new LearnerId(row.learnerId()), new Email(row.viaEmail()), row.linkedAt());
        } catch (RuntimeException e) {
            throw Storage.corrupt("link of parent " + row.parentId(), e);
        }
    }
}
