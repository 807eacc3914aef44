package io.mentorium.adapters.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.in.ForgetParent;
import io.mentorium.application.port.out.PersonalData;
import io.mentorium.application.rights.ForgetParentService;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "My data" and "Forget me" over every table that holds a parent's data, on a real PostgreSQL. */
class JdbiPersonalDataTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant NOW = Instant.parse("2025-03-12T10:00:00Z");
    private static final TelegramUserId MOTHER = new TelegramUserId(501);
    private static final TelegramUserId OTHER = new TelegramUserId(502);

    private JdbiParentRepository parents;
    private JdbiPersonalData data;

    @BeforeEach
    void aParentWithDataEverywhere() {
        db.truncate();
        parents = new JdbiParentRepository(db.jdbi());
        data = new JdbiPersonalData(db.jdbi());
        for (TelegramUserId id : List.of(MOTHER, OTHER)) {
            Parent parent = Parent.register(id, new ChatId(id.value()), Language.UZ, ParentRole.PARENT,
                    NOW.minus(Duration.ofDays(5)));
            parent.link(new LearnerId("L-1"), new Email("aziza@example.com"), NOW.minus(Duration.ofDays(4)));
            parents.save(parent);
        }
        for (long id : new long[] {501, 502}) {
            sql("INSERT INTO bot.payments (id, parent_id, plan, amount_minor, currency, provider, state, created_at, "
                    + "paid_at) VALUES ('p" + id + "', " + id + ", 'MONTH', 9900000, 'UZS', 'PAYME', 'PAID', "
                    + "'2025-03-02T10:00Z', '2025-03-02T10:00Z')");
            sql("INSERT INTO bot.subscription_grants (payment_id, parent_id, plan, paid_at) VALUES ('p" + id + "', "
                    + id + ", 'MONTH', '2025-03-02T10:00Z')");
            sql("INSERT INTO bot.dialog_messages (parent_id, role, content, token_count, created_at) VALUES (" + id
                    + ", 'USER', 'How is my son?', 4, '2025-03-10T10:00Z')");
            sql("INSERT INTO bot.assistant_questions (parent_id, chat_id, text, asked_at) VALUES (" + id + ", " + id
                    + ", 'How is my son?', '2025-03-10T10:00Z')");
            sql("INSERT INTO bot.conversations (chat_id, step, state_values, expires_at) VALUES (" + id
                    + ", 'email', '{}', '2025-03-12T11:00Z')");
            sql("INSERT INTO bot.outbox_messages (chat_id, kind, payload, created_at, not_before, state, handled_at) "
                    + "VALUES (" + id + ", 'send_text', '{}', '2025-03-12T06:00Z', '2025-03-12T06:00Z', 1, "
                    + "'2025-03-12T06:00Z')");
            sql("INSERT INTO bot.event_log (type, actor_id, occurred_at) VALUES ('learner.linked', " + id
                    + ", '2025-03-08T10:00Z')");
            sql("INSERT INTO bot.event_log (type, actor_id, details, occurred_at) VALUES ('support.answered', 900, "
                    + "'{\"parent\": \"" + id + "\", \"characters\": \"20\"}', '2025-03-09T10:00Z')");
            sql("INSERT INTO bot.trials (parent_id, starts_at, ends_at) VALUES (" + id
                    + ", '2025-03-01T10:00Z', '2025-03-08T10:00Z')");
            sql("INSERT INTO bot.link_attempts (parent_id, outcome, learner_id, attempted_at) VALUES (" + id
                    + ", 'LINKED', 'L-1', '2025-03-08T10:00Z')");
            sql("INSERT INTO bot.notification_history (parent_id, key, kind, learner_id, queued_at) VALUES (" + id
                    + ", 'achievement:L-1:streak-3:2025-03-08', 'ACHIEVEMENT', 'L-1', '2025-03-10T10:00Z')");
        }
    }

    private void sql(String statement) {
        db.jdbi().useHandle(handle -> handle.execute(statement));
    }

    private long count(String sql) {
        return db.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void myDataHoldsEveryKindOfTheParentsDataAndNobodyElses() {
        Map<String, PersonalData.Section> sections = data.collect(MOTHER).stream()
                .collect(Collectors.toMap(PersonalData.Section::name, section -> section));

        assertThat(sections.keySet()).contains("profile", "children", "subscription", "trial", "payments", "dialog",
                "questions", "link attempts", "reports sent", "notifications sent", "events");
        assertThat(sections.get("notifications sent").rows()).singleElement()
                .satisfies(row -> assertThat(row).contains("ACHIEVEMENT", "L-1"));
        assertThat(sections.get("profile").rows()).singleElement()
                .satisfies(row -> assertThat(row).startsWith(501L, 501L, "uz"));
        assertThat(sections.get("children").rows()).singleElement()
                .satisfies(row -> assertThat(row).startsWith("L-1", "aziza@example.com"));
        assertThat(sections.get("payments").rows()).extracting(row -> row.get(0)).containsExactly("p501");
        assertThat(sections.get("dialog").rows()).singleElement()
                .satisfies(row -> assertThat(row).contains("How is my son?", Instant.parse("2025-03-10T10:00:00Z")));
        assertThat(sections.get("reports sent").rows()).isEmpty();
        assertThat(sections.get("reports sent").header()).startsWith("sent_at", "learner_id");
    }

    @Test
    void forgettingErasesThePersonalDataKeepsPaymentsUnderAPseudonymAndLeavesOthersAlone() {
        ForgetParentService forget = new ForgetParentService(parents, data, new JdbiEventLog(db.jdbi()),
                new JdbiTransactionRunner(db.jdbi()), Clock.fixed(NOW, ZoneOffset.UTC), () -> 12345L);

        assertThat(forget.forget(MOTHER)).isInstanceOf(ForgetParent.Outcome.Forgotten.class);
        assertThat(forget.forget(MOTHER)).isInstanceOf(ForgetParent.Outcome.NotRegistered.class);

        assertThat(parents.findById(MOTHER)).isEmpty();
        for (String table : List.of("parent_learners", "subscription_grants", "trials", "dialog_messages",
                "assistant_questions", "link_attempts", "notification_history")) {
            assertThat(count("SELECT count(*) FROM bot." + table + " WHERE parent_id = 501")).as(table).isZero();
            assertThat(count("SELECT count(*) FROM bot." + table + " WHERE parent_id = 502")).as(table).isOne();
        }
        assertThat(count("SELECT count(*) FROM bot.conversations WHERE chat_id = 501")).isZero();
        assertThat(count("SELECT count(*) FROM bot.outbox_messages WHERE chat_id = 501")).isZero();
        assertThat(count("SELECT count(*) FROM bot.event_log WHERE actor_id = 501")).isZero();
        // An operator's answer to them stays in the audit, without whom it went to.
        assertThat(count("SELECT count(*) FROM bot.event_log WHERE details ->> 'parent' = '501'")).isZero();
        assertThat(count("SELECT count(*) FROM bot.event_log WHERE type = 'support.answered' AND actor_id = 900"
                + " AND details ->> 'characters' IS NOT NULL")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM bot.event_log WHERE details ->> 'parent' = '502'")).isOne();
        assertThat(count("SELECT count(*) FROM bot.payments WHERE parent_id = 501")).isZero();
        assertThat(count("SELECT parent_id FROM bot.payments WHERE id = 'p501'"))
                .isEqualTo(ForgetParentService.PSEUDONYM_FLOOR | 12345L);
        assertThat(count("SELECT count(*) FROM bot.event_log WHERE type = 'parent.forgotten' AND actor_id IS NULL"))
                .isOne();
        assertThat(new JdbiPaymentRepository(db.jdbi()).findById(new io.mentorium.domain.shared.PaymentId("p501")))
                .isPresent();
        assertThat(parents.findById(OTHER)).isPresent();
    }
}
