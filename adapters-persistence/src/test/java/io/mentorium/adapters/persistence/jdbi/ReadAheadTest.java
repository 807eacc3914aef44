package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.ContractData.email;
import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.newParent;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.ConversationStore.Conversation;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch of chats' turns reads the parents and conversation states once, at its start: what each turn then finds
 * comes from that read, and never a row the transaction itself changed since. Changes are made on another thread
 * (another connection, committed at once) to tell a row served from the read ahead from one read again.
 */
class ReadAheadTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private JdbiTransactionRunner transactions;
    private JdbiParentRepository parents;
    private JdbiConversationStore conversations;
    private JdbiSubscriptionRepository subscriptions;
    private JdbiTrials trials;
    private JdbiAssistantQuestions questions;

    @BeforeEach
    void emptyDatabase() {
        db.truncate();
        transactions = new JdbiTransactionRunner(db.jdbi());
        parents = new JdbiParentRepository(db.jdbi());
        conversations = new JdbiConversationStore(db.jdbi());
        subscriptions = new JdbiSubscriptionRepository(db.jdbi());
        trials = new JdbiTrials(db.jdbi());
        questions = new JdbiAssistantQuestions(db.jdbi());
        parents.save(newParent(1));
        parents.save(newParent(2));
    }

    @Test
    void parents_read_ahead_are_served_from_that_read_for_the_transaction() {
        transactions.inTransaction(() -> {
            parents.readAhead(List.of(parentId(1), parentId(2), parentId(3)));
            elsewhere("UPDATE bot.parents SET language = 'uz'");
            elsewhere("INSERT INTO bot.parents (telegram_user_id, chat_id, language, role, enabled_notifications, "
                    + "report_kinds, registered_at) SELECT 3, 3, language, role, enabled_notifications, report_kinds, "
                    + "registered_at FROM bot.parents WHERE telegram_user_id = 1");

            assertThat(language(1)).isEqualTo(Language.RU);
            assertThat(language(2)).isEqualTo(Language.RU);
            assertThat(parents.findById(parentId(3))).isEmpty();
            assertThat(parents.findById(parentId(4))).as("not read ahead: read").isEmpty();
        });

        assertThat(language(1)).as("a later transaction reads afresh").isEqualTo(Language.UZ);
        assertThat(parents.findById(parentId(3))).isPresent();
    }

    @Test
    void a_write_of_a_parent_drops_its_row_and_keeps_the_others() {
        transactions.inTransaction(() -> {
            parents.readAhead(List.of(parentId(1), parentId(2)));
            Parent first = parents.findById(parentId(1)).orElseThrow();
            first.changeLanguage(Language.EN);
            elsewhere("UPDATE bot.parents SET language = 'uz' WHERE telegram_user_id = 2");

            parents.save(first);

            assertThat(language(1)).isEqualTo(Language.EN);
            assertThat(language(2)).as("still the row read ahead").isEqualTo(Language.RU);
        });
    }

    @Test
    void any_other_write_on_the_transaction_drops_every_row() {
        transactions.inTransaction(() -> {
            parents.readAhead(List.of(parentId(1), parentId(2)));
            conversations.readAhead(List.of(new ChatId(1)));
            elsewhere("INSERT INTO bot.conversations (chat_id, step, state_values, expires_at) "
                    + "VALUES (1, 'elsewhere', '{}', now() + interval '1 hour')");
            db.jdbi().useHandle(handle -> handle.execute(
                    "UPDATE bot.parents SET language = 'en' WHERE telegram_user_id = 2"));

            assertThat(language(2)).isEqualTo(Language.EN);
            assertThat(conversations.find(new ChatId(1), minutes(0)).map(Conversation::step)).contains("elsewhere");
        });
    }

    @Test
    void an_insert_into_a_table_not_read_ahead_keeps_every_row_and_one_into_a_table_read_ahead_drops_them() {
        transactions.inTransaction(() -> {
            parents.readAhead(List.of(parentId(1), parentId(2)));
            conversations.readAhead(List.of(new ChatId(1)));
            elsewhere("UPDATE bot.parents SET language = 'uz'");
            elsewhere("INSERT INTO bot.conversations (chat_id, step, state_values, expires_at) "
                    + "VALUES (1, 'elsewhere', '{}', now() + interval '1 hour')");
            db.jdbi().useHandle(handle -> handle.execute(
                    "INSERT INTO bot.event_log (type, details, occurred_at) VALUES ('test.noted', '{}', now())"));
            HotPath.update(db.jdbi(), "note", "INSERT INTO bot.event_log (type, occurred_at) VALUES (?, now())",
                    (statement, connection) -> statement.setString(1, "test.noted"));

            assertThat(language(1)).as("still the row read ahead").isEqualTo(Language.RU);
            assertThat(conversations.find(new ChatId(1), minutes(0))).as("still none, as read ahead").isEmpty();

            db.jdbi().useHandle(handle -> handle.execute("INSERT INTO bot.conversations (chat_id, step, "
                    + "state_values, expires_at) VALUES (2, 'here', '{}', now() + interval '1 hour')"));

            assertThat(language(2)).as("read again").isEqualTo(Language.UZ);
            assertThat(conversations.find(new ChatId(1), minutes(0)).map(Conversation::step)).contains("elsewhere");
        });
    }

    @Test
    void the_read_ahead_reads_only_its_tables_and_no_trigger_or_rule_writes_beside_an_insert() {
        Pattern table = Pattern.compile("bot\\.\\w+");
        for (String sql : List.of(JdbiParentRepository.FIND_BY_IDS, JdbiConversationStore.FIND_ALL,
                JdbiSubscriptionRepository.GRANTS_OF_ALL, JdbiTrials.FIND_ALL,
                JdbiAssistantQuestions.ASKED_SINCE_OF_ALL)) {
            assertThat(table.matcher(sql).results().map(MatchResult::group).toList())
                    .isNotEmpty().allSatisfy(name -> assertThat(ReadAhead.TABLES).contains(name));
        }
        long writingBeside = db.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                          JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'bot' AND NOT t.tgisinternal)
                     + (SELECT count(*) FROM pg_rules WHERE schemaname = 'bot')
                """).mapTo(Long.class).one());
        assertThat(writingBeside).as("an insert into one table writes nothing else (WriteTally.insertsBesideReadAhead)")
                .isZero();
    }

    @Test
    void a_parent_the_turn_changed_without_saving_is_not_what_the_next_read_gets() {
        transactions.inTransaction(() -> {
            parents.readAhead(List.of(parentId(1), parentId(2)));
            Parent given = parents.findById(parentId(1)).orElseThrow();
            given.link(new LearnerId("L-1"), email("parent@example.com"), minutes(1));
            given.changeLanguage(Language.EN);

            Parent again = parents.findById(parentId(1)).orElseThrow();
            assertThat(again.links()).isEmpty();
            assertThat(again.language()).isEqualTo(Language.RU);
        });
    }

    @Test
    void links_are_read_ahead_with_their_parents_in_their_order() {
        Parent linked = newParent(2);
        linked.link(new LearnerId("L-2"), email("b@example.com"), minutes(2));
        linked.link(new LearnerId("L-1"), email("a@example.com"), minutes(3));
        parents.save(linked);

        transactions.inTransaction(() -> {
            parents.readAhead(List.of(parentId(1), parentId(2)));
            elsewhere("DELETE FROM bot.parent_learners");

            assertThat(parents.findById(parentId(2)).orElseThrow().learnerIds())
                    .containsExactly(new LearnerId("L-2"), new LearnerId("L-1"));
            assertThat(parents.findById(parentId(1)).orElseThrow().links()).isEmpty();
        });
    }

    @Test
    void conversations_read_ahead_keep_their_expiry_and_a_write_drops_only_its_chat() {
        conversations.save(new ChatId(1), new Conversation("live", Map.of("k", "v"), minutes(30)));
        conversations.save(new ChatId(2), new Conversation("old", Map.of(), minutes(10)));
        conversations.save(new ChatId(4), new Conversation("kept", Map.of(), minutes(30)));

        transactions.inTransaction(() -> {
            conversations.readAhead(List.of(new ChatId(1), new ChatId(2), new ChatId(3), new ChatId(4)));
            elsewhere("UPDATE bot.conversations SET step = 'changed'");

            assertThat(conversations.find(new ChatId(1), minutes(20)))
                    .contains(new Conversation("live", Map.of("k", "v"), minutes(30)));
            assertThat(conversations.find(new ChatId(2), minutes(20))).as("expired").isEmpty();
            assertThat(conversations.find(new ChatId(2), minutes(10))).as("expires at that instant").isPresent();
            assertThat(conversations.find(new ChatId(3), minutes(20))).isEmpty();

            conversations.clear(new ChatId(1));
            conversations.save(new ChatId(3), new Conversation("new", Map.of(), minutes(40)));

            assertThat(conversations.find(new ChatId(1), minutes(20))).isEmpty();
            assertThat(conversations.find(new ChatId(3), minutes(20)).map(Conversation::step)).contains("new");
            assertThat(conversations.find(new ChatId(4), minutes(20)).map(Conversation::step)).contains("kept");
        });
    }

    @Test
    void rows_live_through_a_nested_transaction_and_go_with_a_rollback() {
        try {
            transactions.inTransaction(() -> {
                parents.readAhead(List.of(parentId(1)));
                transactions.inTransaction(() -> assertThat(language(1)).isEqualTo(Language.RU));
                elsewhere("UPDATE bot.parents SET language = 'uz'");
                assertThat(language(1)).as("after the nested transaction").isEqualTo(Language.RU);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        transactions.inTransaction(() -> assertThat(language(1)).isEqualTo(Language.UZ));
    }

    @Test
    void nothing_is_read_ahead_outside_a_transaction() {
        parents.readAhead(List.of(parentId(1)));
        conversations.readAhead(List.of(new ChatId(1)));
        elsewhere("UPDATE bot.parents SET language = 'uz'");

        assertThat(language(1)).isEqualTo(Language.UZ);
    }

    @Test
    void what_asking_reads_is_served_from_the_read_ahead_for_the_transaction() {
        grant("P-1", 1, minutes(-60));
        elsewhere("INSERT INTO bot.trials (parent_id, starts_at, ends_at) VALUES (2, now(), now() + interval '1 day')");
        ask(1, minutes(10));
        ask(1, minutes(20));

        Map<TelegramUserId, Subscription> read = transactions.inTransaction(() -> {
            Map<TelegramUserId, Subscription> ahead = subscriptions.readAhead(List.of(parentId(1), parentId(2)));
            trials.readAhead(List.of(parentId(2), parentId(3)));
            questions.readAheadAsked(List.of(parentId(1), parentId(2)), minutes(5));
            elsewhere("DELETE FROM bot.subscription_grants");
            elsewhere("DELETE FROM bot.trials");
            elsewhere("INSERT INTO bot.trials (parent_id, starts_at, ends_at) VALUES (3, now(), now())");
            elsewhere("DELETE FROM bot.assistant_questions");

            assertThat(subscriptions.findFor(parentId(1)).grants()).hasSize(1);
            assertThat(subscriptions.findFor(parentId(2)).grants()).isEmpty();
            assertThat(trials.find(parentId(2))).isPresent();
            assertThat(trials.find(parentId(3))).as("none, as read ahead").isEmpty();
            assertThat(questions.countAskedSince(parentId(1), minutes(5))).isEqualTo(2);
            assertThat(questions.countAskedSince(parentId(1), minutes(15))).as("counted from the instants read")
                    .isEqualTo(1);
            assertThat(questions.countAskedSince(parentId(1), minutes(20))).as("asked at that instant counts")
                    .isEqualTo(1);
            assertThat(questions.countAskedSince(parentId(2), minutes(5))).isZero();
            return ahead;
        });

        assertThat(read).containsOnlyKeys(parentId(1), parentId(2));
        assertThat(read.get(parentId(1)).grants()).hasSize(1);
        assertThat(subscriptions.findFor(parentId(1)).grants()).as("a later transaction reads afresh").isEmpty();
        assertThat(trials.find(parentId(3))).isPresent();
    }

    @Test
    void a_count_from_before_what_was_read_ahead_is_counted_in_the_database() {
        ask(1, minutes(10));

        transactions.inTransaction(() -> {
            questions.readAheadAsked(List.of(parentId(1), parentId(2)), minutes(15));

            assertThat(questions.countAskedSince(parentId(1), minutes(15))).isZero();
            assertThat(questions.countAskedSince(parentId(1), minutes(5))).isEqualTo(1);
        });
    }

    @Test
    void a_question_recorded_drops_its_parents_count_and_keeps_the_others() {
        transactions.inTransaction(() -> {
            questions.readAheadAsked(List.of(parentId(1), parentId(2)), minutes(0));
            subscriptions.readAhead(List.of(parentId(2)));
            elsewhere("INSERT INTO bot.assistant_questions (parent_id, chat_id, text, asked_at) "
                    + "VALUES (2, 2, 'elsewhere', now())");
            grant("P-2", 2, minutes(1));

            ask(1, minutes(10));

            assertThat(questions.countAskedSince(parentId(1), minutes(0))).as("counted again").isEqualTo(1);
            assertThat(questions.countAskedSince(parentId(2), minutes(0))).as("still as read ahead").isZero();
            assertThat(subscriptions.findFor(parentId(2)).grants()).as("still as read ahead").isEmpty();
        });
    }

    @Test
    void a_subscription_saved_or_a_trial_decided_in_the_transaction_is_what_the_next_read_gets() {
        grant("P-1", 1, minutes(-60));

        transactions.inTransaction(() -> {
            subscriptions.readAhead(List.of(parentId(1), parentId(2)));
            trials.readAhead(List.of(parentId(2)));

            subscriptions.save(Subscription.none(parentId(1)));
            trials.claim(parentId(2), List.of(new LearnerId("L-2")), minutes(0), minutes(60));

            assertThat(subscriptions.findFor(parentId(1)).grants()).isEmpty();
            assertThat(trials.find(parentId(2))).isPresent();
        });
    }

    @Test
    void nothing_of_asking_is_read_ahead_outside_a_transaction() {
        assertThat(subscriptions.readAhead(List.of(parentId(1)))).as("nothing read").isEmpty();
        questions.readAheadAsked(List.of(parentId(1)), minutes(0));
        ask(1, minutes(10));

        assertThat(questions.countAskedSince(parentId(1), minutes(0))).isEqualTo(1);
    }

    private void ask(long parent, Instant at) {
        questions.add(new AssistantQuestions.NewQuestion(parentId(parent), new ChatId(parent), "How is she doing?",
                OptionalLong.empty(), at));
    }

    /** A grant of a month, committed by another connection. */
    private static void grant(String payment, long parent, Instant paidAt) {
        CompletableFuture.runAsync(() -> db.jdbi().useHandle(handle -> handle.createUpdate(
                "INSERT INTO bot.subscription_grants (payment_id, parent_id, plan, paid_at) "
                        + "VALUES (:payment, :parent, 'MONTH', :paidAt)")
                .bind("payment", payment).bind("parent", parent).bind("paidAt", paidAt).execute())).join();
    }

    private Language language(long parent) {
        return parents.findById(parentId(parent)).map(Parent::language).orElseThrow();
    }

    /** A change committed by another connection while this thread's transaction is open. */
    private static void elsewhere(String sql) {
        CompletableFuture.runAsync(() -> db.jdbi().useHandle(handle -> handle.execute(sql))).join();
    }
}
