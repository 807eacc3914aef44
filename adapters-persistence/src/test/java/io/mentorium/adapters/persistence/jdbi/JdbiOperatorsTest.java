package io.mentorium.adapters.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.admin.BroadcastAnnouncementService;
import io.mentorium.application.admin.ManageStaffService;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.port.in.BroadcastAnnouncement;
import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.service.AdminRoster;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import io.mentorium.domain.staff.StaffRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operators' roles, figures, look-ups and announcements on a real PostgreSQL. */
class JdbiOperatorsTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    /** Wednesday 12 March 2025, 15:00 in Tashkent. */
    private static final Instant NOW = Instant.parse("2025-03-12T10:00:00Z");
    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final TelegramUserId ADMIN = new TelegramUserId(10);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private JdbiParentRepository parents;
    private JdbiEventLog events;
    private JdbiTransactionRunner transactions;
    private JdbiStaffRoles roles;
    private ManageStaff staff;

    @BeforeEach
    void empty() {
        db.truncate();
        parents = new JdbiParentRepository(db.jdbi());
        events = new JdbiEventLog(db.jdbi());
        transactions = new JdbiTransactionRunner(db.jdbi());
        roles = new JdbiStaffRoles(db.jdbi());
        staff = new ManageStaffService(roles, new AdminRoster(Set.of(ADMIN)), events, transactions, clock);
    }

    private Parent parent(long id, Language language, String email, String... learners) {
        Parent parent = Parent.register(new TelegramUserId(id), new ChatId(id), language, ParentRole.PARENT,
                NOW.minus(Duration.ofDays(10)));
        for (String learner : learners) {
            parent.link(new LearnerId(learner), new Email(email), NOW.minus(Duration.ofDays(9)));
        }
        parents.save(parent);
        return parent;
    }

    private void sql(String statement) {
        db.jdbi().useHandle(handle -> handle.execute(statement));
    }

    private List<String> eventTypes() {
        return db.jdbi().withHandle(handle -> handle.createQuery("SELECT type FROM bot.event_log ORDER BY id")
                .mapTo(String.class).list());
    }

    @Test
    void rolesAreSeededGrantedAndRevokedInTheDatabaseWithTheEventInTheSameTransaction() {
        staff.seedConfiguredAdmins();
        staff.seedConfiguredAdmins();
        assertThat(roles.roleOf(ADMIN)).contains(StaffRole.ADMIN);

        assertThat(staff.grant(ADMIN, new TelegramUserId(20), StaffRole.SUPPORT))
                .isEqualTo(new ManageStaff.Change.Granted(StaffRole.SUPPORT, Optional.empty()));
        assertThat(staff.grant(ADMIN, new TelegramUserId(20), StaffRole.ADMIN))
                .isEqualTo(new ManageStaff.Change.Granted(StaffRole.ADMIN, Optional.of(StaffRole.SUPPORT)));
        assertThat(staff.grant(new TelegramUserId(20), new TelegramUserId(30), StaffRole.SUPPORT))
                .isInstanceOf(ManageStaff.Change.Granted.class);
        assertThat(staff.grant(new TelegramUserId(30), new TelegramUserId(40), StaffRole.SUPPORT))
                .isInstanceOf(ManageStaff.Change.NotAllowed.class);
        assertThat(staff.revoke(new TelegramUserId(20), ADMIN)).isInstanceOf(ManageStaff.Change.Configured.class);
        assertThat(staff.revoke(ADMIN, new TelegramUserId(20))).isEqualTo(new ManageStaff.Change.Revoked(StaffRole.ADMIN));
        assertThat(staff.revoke(ADMIN, new TelegramUserId(20))).isInstanceOf(ManageStaff.Change.Unchanged.class);

        assertThat(roles.roleOf(new TelegramUserId(20))).isEmpty();
        assertThat(staff.roleOf(new TelegramUserId(30))).contains(StaffRole.SUPPORT);
        // Everyone with a role, in id order, as many as asked for: who payment support reaches.
        assertThat(roles.staff(10)).containsExactly(ADMIN, new TelegramUserId(30));
        assertThat(roles.staff(1)).containsExactly(ADMIN);
        assertThat(eventTypes()).containsExactly("staff.seeded", "staff.granted", "staff.granted", "staff.granted",
                "staff.revoked");
        String grantedBy = db.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT granted_by::text FROM bot.staff_roles WHERE telegram_user_id = 30").mapTo(String.class).one());
        assertThat(grantedBy).isEqualTo("20");
    }

    @Test
    void statisticsCountTheFixtureSetBased() {
        parent(1, Language.RU, "a@example.com", "L-1", "L-2");
        parent(2, Language.UZ, "a@example.com", "L-1");
        Parent blocked = parent(3, Language.EN, "b@example.com", "L-3");
        blocked.markBlocked(NOW.minus(Duration.ofDays(1)));
        parents.save(blocked);
        parent(4, Language.EN, "c@example.com");
        sql("""
                INSERT INTO bot.payments (id, parent_id, plan, amount_minor, currency, provider, state, created_at, paid_at)
                VALUES ('p1', 1, 'MONTH', 9900000, 'UZS', 'PAYME', 'PAID', '2025-03-02T10:00Z', '2025-03-02T10:00Z'),
                       ('p2', 2, 'MONTH', 9900000, 'UZS', 'PAYME', 'PAID', '2025-03-05T10:00Z', '2025-03-05T10:00Z'),
                       ('p3', 3, 'YEAR', 2000, 'XTR', 'STARS', 'PAID', '2025-03-06T10:00Z', '2025-03-06T10:00Z'),
                       ('p4', 4, 'MONTH', 9900000, 'UZS', 'CLICK', 'PAID', '2025-01-05T10:00Z', '2025-01-05T10:00Z'),
                       ('p5', 4, 'MONTH', 9900000, 'UZS', 'CLICK', 'CREATED', '2025-03-06T10:00Z', NULL)
                """);
        // Parent 4 paid two months in a row in January: stacked, the second ends on 5 March, before now.
        // Parent 1 paid on 2 March: active. Parent 2 paid in December and in March: active.
        sql("""
                INSERT INTO bot.subscription_grants (payment_id, parent_id, plan, paid_at)
                VALUES ('p1', 1, 'MONTH', '2025-03-02T10:00Z'),
                       ('g0', 2, 'MONTH', '2024-12-01T10:00Z'), ('p2', 2, 'MONTH', '2025-03-05T10:00Z'),
                       ('p4', 4, 'MONTH', '2025-01-05T10:00Z'), ('p4b', 4, 'MONTH', '2025-01-06T10:00Z')
                """);
        sql("""
                INSERT INTO bot.inbox_updates (update_id, chat_id, payload, received_at, state, handled_at)
                VALUES (1, 1, '{}', '2025-03-12T05:00Z', 1, '2025-03-12T05:00Z'),
                       (2, 1, '{}', '2025-03-12T09:00Z', 0, NULL),
                       (3, 1, '{}', '2025-03-11T09:00Z', 1, '2025-03-11T09:00Z')
                """);
        sql("""
                INSERT INTO bot.outbox_messages (chat_id, kind, payload, created_at, not_before, state, handled_at)
                VALUES (1, 'send_text', '{}', '2025-03-12T06:00Z', '2025-03-12T06:00Z', 1, '2025-03-12T06:00Z'),
                       (1, 'send_text', '{}', '2025-03-12T06:00Z', '2025-03-12T06:00Z', 1, '2025-03-12T06:00Z'),
                       (2, 'send_text', '{}', '2025-03-12T06:00Z', '2025-03-13T06:00Z', 0, NULL)
                """);
        sql("""
                INSERT INTO bot.assistant_questions (parent_id, chat_id, text, asked_at)
                VALUES (1, 1, 'q', '2025-03-12T07:00Z'), (1, 1, 'q', '2025-03-10T07:00Z')
                """);
        sql("""
                INSERT INTO bot.dead_letters (update_id, chat_id, stage, reason, quarantined_at)
                VALUES (9, 1, 'decode', 'bad', '2025-03-12T07:00Z')
                """);
        TimeWindow march = new TimeWindow(Instant.parse("2025-02-28T19:00:00Z"), NOW);
        TimeWindow today = new TimeWindow(Instant.parse("2025-03-11T19:00:00Z"), Instant.parse("2025-03-12T19:00:00Z"));

        OperatorQueries.Statistics statistics = new JdbiOperatorQueries(db.jdbi())
                .statistics(march, today, NOW, TASHKENT);

        assertThat(statistics).isEqualTo(new OperatorQueries.Statistics(4, 1, 3, 2, List.of(
                new OperatorQueries.Revenue(PaymentProvider.PAYME, Currency.UZS, 2, 19_800_000),
                new OperatorQueries.Revenue(PaymentProvider.STARS, Currency.XTR, 1, 2000)),
                2, 2, 1, 1, 1, 1));
        assertThat(new JdbiOperatorQueries(db.jdbi()).parentsLinkedVia(new Email("A@example.com"), 5))
                .containsExactly(new TelegramUserId(1), new TelegramUserId(2));
        assertThat(new JdbiOperatorQueries(db.jdbi()).parentsLinkedVia(new Email("z@example.com"), 5)).isEmpty();
    }

    @Test
    void exportsReadThePeriodsRowsOldestFirstBoundedByTheLimit() {
        sql("""
                INSERT INTO bot.payments (id, parent_id, plan, amount_minor, currency, provider, state, created_at, paid_at)
                VALUES ('p1', 1, 'MONTH', 9900000, 'UZS', 'PAYME', 'PAID', '2025-03-02T10:00Z', '2025-03-02T10:01Z'),
                       ('p2', 2, 'YEAR', 2000, 'XTR', 'STARS', 'PAID', '2025-03-05T10:00Z', '2025-03-05T10:01Z'),
                       ('p0', 3, 'MONTH', 9900000, 'UZS', 'CLICK', 'CREATED', '2025-02-01T10:00Z', NULL)
                """);
        sql("""
                INSERT INTO bot.subscription_grants (payment_id, parent_id, plan, paid_at)
                VALUES ('p1', 1, 'MONTH', '2025-03-02T10:01Z'), ('p2', 2, 'YEAR', '2025-03-05T10:01Z')
                """);
        events.record(new io.mentorium.application.port.out.EventLog.Event("staff.granted", Optional.of(ADMIN),
                Map.of("target", "20"), Instant.parse("2025-03-03T00:00:00Z")));
        JdbiOperatorQueries queries = new JdbiOperatorQueries(db.jdbi());
        TimeWindow march = new TimeWindow(Instant.parse("2025-03-01T00:00:00Z"), NOW);

        OperatorQueries.Table payments = queries.export(OperatorQueries.ExportKind.PAYMENTS, march, 10);
        OperatorQueries.Table grants = queries.export(OperatorQueries.ExportKind.SUBSCRIPTIONS, march, 1);
        OperatorQueries.Table log = queries.export(OperatorQueries.ExportKind.EVENTS, march, 10);

        assertThat(payments.header()).startsWith("id", "parent_id", "plan", "provider", "state", "currency", "amount");
        assertThat(payments.rows()).extracting(row -> row.get(0)).containsExactly("p1", "p2");
        assertThat(payments.rows().getFirst().get(6)).isEqualTo(new java.math.BigDecimal("99000.00"));
        assertThat(payments.rows().getFirst().get(9)).isEqualTo(Instant.parse("2025-03-02T10:01:00Z"));
        assertThat(payments.rows().getFirst().get(10)).isNull();
        assertThat(grants.rows()).singleElement().satisfies(row -> assertThat(row).startsWith("p1", 1L, "MONTH",
                Instant.parse("2025-03-02T10:01:00Z"), "PAYME"));
        assertThat(log.rows()).singleElement().satisfies(row -> {
            assertThat(row.get(2)).isEqualTo("staff.granted");
            assertThat(row.get(3)).isEqualTo(10L);
            assertThat((String) row.get(4)).contains("\"target\"", "\"20\"");
        });
    }

    @Test
    void aBroadcastIsQueuedOnceForEveryReachableParentPageByPageDeferredPastQuietHours() {
        staff.seedConfiguredAdmins();
        for (long id = 100; id < 107; id++) {
            parent(id, Language.values()[(int) (id % 3)], "a@example.com");
        }
        Parent quiet = parents.findById(new TelegramUserId(101)).orElseThrow();
        quiet.changePreferences(quiet.preferences().withQuietHours(Optional.of(
                new QuietHours(LocalTime.of(14, 0), LocalTime.of(16, 0)))));
        parents.save(quiet);
        Parent blocked = parents.findById(new TelegramUserId(102)).orElseThrow();
        blocked.markBlocked(NOW);
        parents.save(blocked);
        JdbiOutbox outbox = new JdbiOutbox(db.jdbi());
        JdbiBroadcasts broadcasts = new JdbiBroadcasts(db.jdbi());
        BroadcastAnnouncementService announcements = new BroadcastAnnouncementService(staff, broadcasts, parents,
                outbox, events, transactions, clock, TASHKENT, new Messages(), 3);

        long id = ((BroadcastAnnouncement.Prepared.Draft) announcements.prepare(ADMIN, "Holiday <b>")).id();
        assertThat(announcements.deliverPending()).isZero();
        assertThat(announcements.confirm(ADMIN, id)).isEqualTo(new BroadcastAnnouncement.Decision.Confirmed(id));
        assertThat(announcements.cancel(ADMIN, id)).isEqualTo(new BroadcastAnnouncement.Decision.AlreadyDecided(id));
        // A crash after the first page: the claim of two parents committed, the cursor did not move.
        broadcasts.claimRecipients(id, List.of(new TelegramUserId(100), new TelegramUserId(101)), NOW);

        int queued = announcements.deliverPending();

        assertThat(queued).isEqualTo(4);
        assertThat(announcements.deliverPending()).isZero();
        assertThat(broadcasts.find(id).orElseThrow().state()).isEqualTo(
                io.mentorium.application.port.out.Broadcasts.State.DELIVERED);
        assertThat(broadcasts.recipientCount(id)).isEqualTo(6);
        List<QueuedMessage> pending = outbox.pending(0, 100);
        assertThat(pending).extracting(message -> message.message().chatId().value())
                .containsExactlyInAnyOrder(103L, 104L, 105L, 106L);
        assertThat(pending).allSatisfy(message -> assertThat(((SendText) message.message()).text())
                .contains("Holiday &lt;b&gt;"));

        // A second announcement reaches the quiet parent after their quiet hours, and everyone else now.
        long second = ((BroadcastAnnouncement.Prepared.Draft) announcements.prepare(ADMIN, "Second")).id();
        announcements.confirm(ADMIN, second);
        assertThat(announcements.deliverPending()).isEqualTo(6);
        Map<Long, Instant> due = new java.util.HashMap<>();
        outbox.pending(0, 100).stream().filter(message -> ((SendText) message.message()).text().contains("Second"))
                .forEach(message -> due.put(message.message().chatId().value(), message.notBefore()));
        assertThat(due).doesNotContainKey(102L).hasSize(6)
                .containsEntry(101L, Instant.parse("2025-03-12T11:00:00Z")).containsEntry(100L, NOW);
        assertThat(eventTypes()).containsSubsequence("broadcast.prepared", "broadcast.confirmed",
                "broadcast.delivered", "broadcast.prepared", "broadcast.confirmed", "broadcast.delivered");
    }
}
