package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.PipelineData.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.domain.shared.ChatId;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the Jdbi inbox and outbox do beyond their port contracts: transactions, stored shape, failures. */
class JdbiPipelineStoresTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private JdbiTransactionRunner transactions;
    private JdbiUpdateInbox inbox;
    private JdbiOutbox outbox;

    @BeforeEach
    void empty() {
        db.truncate();
        transactions = new JdbiTransactionRunner(db.jdbi());
        inbox = new JdbiUpdateInbox(db.jdbi());
        outbox = new JdbiOutbox(db.jdbi());
    }

    @Test
    void updates_stored_in_a_transaction_that_rolls_back_leave_nothing_and_are_new_next_time() {
        List<InboundUpdate> batch = List.of(text(11, 1), text(12, 2));

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            assertThat(inbox.store(batch, minutes(1)).fresh()).isEqualTo(2);
            throw new IllegalStateException("crash before commit");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(inbox.pending(0, 10)).isEmpty();
        assertThat(inbox.store(batch, minutes(2)).toHandle()).isEqualTo(batch);
    }

    @Test
    void handling_an_update_commits_its_replies_and_its_done_mark_together_or_not_at_all() {
        inbox.store(List.of(text(21, 5), text(22, 5)), minutes(1));

        transactions.inTransaction(() -> {
            outbox.enqueue(List.of(new SendText(new ChatId(5), "reply to 21")), minutes(2));
            inbox.markDone(21, minutes(2));
        });
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            outbox.enqueue(List.of(new SendText(new ChatId(5), "reply to 22")), minutes(3));
            inbox.markDone(22, minutes(3));
            throw new IllegalStateException("crash before commit");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(inbox.pending(0, 10)).containsExactly(new UpdateInbox.Pending.Readable(text(22, 5)));
        assertThat(outbox.pending(0, 10)).extracting(m -> ((SendText) m.message()).text())
                .containsExactly("reply to 21");
    }

    @Test
    void a_full_telegram_batch_of_one_hundred_is_stored_in_one_go() {
        List<InboundUpdate> batch = LongStream.rangeClosed(1, 100).mapToObj(id -> text(1_000 + id, id)).toList();

        assertThat(inbox.store(batch, minutes(1)).toHandle()).isEqualTo(batch);
        assertThat(inbox.store(batch, minutes(1)).fresh()).isZero();
        assertThat(count("SELECT count(*) FROM bot.inbox_updates WHERE state = 0")).isEqualTo(100);
    }

    @Test
    void rows_are_stored_with_their_chat_kind_and_readable_json() {
        inbox.store(List.of(text(31, -100_200_300L)), minutes(1));
        outbox.enqueue(List.of(new SendText(new ChatId(-100_200_300L), "hello")), minutes(1));

        // Stored as text (jsonb refuses some strings users send), still JSON an operator can query by casting.
        assertThat(one("""
                SELECT chat_id || ' ' || (payload::jsonb ->> 'type') || ' '
                       || jsonb_typeof(payload::jsonb -> 'sender' -> 'chatId')
                  FROM bot.inbox_updates"""))
                .isEqualTo("-100200300 text number");
        assertThat(one("""
                SELECT chat_id || ' ' || kind || ' ' || (payload::jsonb ->> 'type') || ' ' || (payload::jsonb ->> 'chatId')
                  FROM bot.outbox_messages"""))
                .isEqualTo("-100200300 send_text send_text -100200300");
    }

    @Test
    void failure_and_retry_reasons_are_kept_for_inspection() {
        inbox.store(List.of(text(41, 1)), minutes(1));
        inbox.quarantine(new UpdateInbox.DeadLetter(41, 1, UpdateInbox.Stage.HANDLE,
                "IllegalStateException in the settings flow", minutes(2)));
        long id = outbox.enqueue(List.of(new SendText(new ChatId(1), "x")), minutes(1)).getFirst().id();
        outbox.recordRetry(id, 3, minutes(4), "HTTP 502");

        assertThat(one("SELECT state || ' ' || error FROM bot.inbox_updates"))
                .isEqualTo("2 IllegalStateException in the settings flow");
        assertThat(one("SELECT update_id || ' ' || chat_id || ' ' || stage || ' ' || reason FROM bot.dead_letters"))
                .isEqualTo("41 1 handle IllegalStateException in the settings flow");
        assertThat(one("SELECT state || ' ' || attempts || ' ' || last_error FROM bot.outbox_messages"))
                .isEqualTo("0 3 HTTP 502");
    }

    @Test
    void a_pending_payload_that_cannot_be_read_back_is_reported_unreadable_without_its_content() {
        inbox.store(List.of(text(51, 1), text(52, 2)), minutes(1));
        db.jdbi().useHandle(h -> h.execute("UPDATE bot.inbox_updates SET payload = "
                + "'{\"type\":\"hologram\",\"text\":\"Aziza\"}' WHERE update_id = 51"));

        List<UpdateInbox.Pending> pending = inbox.pending(0, 10);

        assertThat(pending).hasSize(2);
        assertThat(pending.get(0)).isInstanceOfSatisfying(UpdateInbox.Pending.Unreadable.class, unreadable -> {
            assertThat(unreadable.updateId()).isEqualTo(51);
            assertThat(unreadable.chatId()).isEqualTo(1);
            assertThat(unreadable.reason()).doesNotContain("Aziza");
        });
        assertThat(pending.get(1)).isEqualTo(new UpdateInbox.Pending.Readable(text(52, 2)));
    }

    @Test
    void an_update_marked_done_by_one_transaction_cannot_be_marked_again_by_another() {
        inbox.store(List.of(text(61, 1)), minutes(1));

        boolean first = transactions.inTransaction(() -> inbox.markDone(61, minutes(2)));
        boolean second = transactions.inTransaction(() -> inbox.markDone(61, minutes(3)));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(one("SELECT state || ' ' || handled_at FROM bot.inbox_updates"))
                .startsWith("1 ").doesNotContain(":03:");
    }

    @Test
    void replies_are_found_again_by_their_update_until_sent() {
        List<Outbox.QueuedMessage> queued = outbox.enqueueReplies(71, List.of(new SendText(new ChatId(7), "a"),
                new SendText(new ChatId(7), "b")), minutes(1));
        outbox.enqueue(List.of(new SendText(new ChatId(7), "unrelated")), minutes(1));

        assertThat(outbox.pendingReplies(71)).isEqualTo(queued);
        assertThat(outbox.markSent(List.of(queued.getFirst().id(), 9_999L), minutes(2))).isEqualTo(1);
        assertThat(outbox.pendingReplies(71)).containsExactly(queued.get(1));
        assertThat(outbox.markSent(List.of(queued.getFirst().id()), minutes(3))).isZero();
    }

    private static String one(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
