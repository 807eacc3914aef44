package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.PipelineData.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.StorageException;
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
            assertThat(inbox.store(batch, minutes(1))).hasSize(2);
            throw new IllegalStateException("crash before commit");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(inbox.pending(0, 10)).isEmpty();
        assertThat(inbox.store(batch, minutes(2))).isEqualTo(batch);
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

        assertThat(inbox.pending(0, 10)).containsExactly(text(22, 5));
        assertThat(outbox.pending(0, 10)).extracting(m -> ((SendText) m.message()).text())
                .containsExactly("reply to 21");
    }

    @Test
    void a_full_telegram_batch_of_one_hundred_is_stored_in_one_go() {
        List<InboundUpdate> batch = LongStream.rangeClosed(1, 100).mapToObj(id -> text(1_000 + id, id)).toList();

        assertThat(inbox.store(batch, minutes(1))).isEqualTo(batch);
        assertThat(inbox.store(batch, minutes(1))).isEmpty();
        assertThat(count("SELECT count(*) FROM bot.inbox_updates WHERE state = 0")).isEqualTo(100);
    }

    @Test
    void rows_are_stored_with_their_chat_kind_and_readable_json() {
        inbox.store(List.of(text(31, -100_200_300L)), minutes(1));
        outbox.enqueue(List.of(new SendText(new ChatId(-100_200_300L), "hello")), minutes(1));

        assertThat(one("""
                SELECT chat_id || ' ' || (payload ->> 'type') || ' ' || jsonb_typeof(payload -> 'sender' -> 'chatId')
                  FROM bot.inbox_updates"""))
                .isEqualTo("-100200300 text number");
        assertThat(one("""
                SELECT chat_id || ' ' || kind || ' ' || (payload ->> 'type') || ' ' || (payload ->> 'chatId')
                  FROM bot.outbox_messages"""))
                .isEqualTo("-100200300 send_text send_text -100200300");
    }

    @Test
    void failure_and_retry_reasons_are_kept_for_inspection() {
        inbox.store(List.of(text(41, 1)), minutes(1));
        inbox.markFailed(41, minutes(2), "IllegalStateException in the settings flow");
        long id = outbox.enqueue(List.of(new SendText(new ChatId(1), "x")), minutes(1)).getFirst().id();
        outbox.recordRetry(id, 3, minutes(4), "HTTP 502");

        assertThat(one("SELECT state || ' ' || error FROM bot.inbox_updates"))
                .isEqualTo("2 IllegalStateException in the settings flow");
        assertThat(one("SELECT state || ' ' || attempts || ' ' || last_error FROM bot.outbox_messages"))
                .isEqualTo("0 3 HTTP 502");
    }

    @Test
    void a_payload_changed_behind_the_bots_back_is_reported_without_its_content() {
        inbox.store(List.of(text(51, 1)), minutes(1));
        db.jdbi().useHandle(h -> h.execute(
                "UPDATE bot.inbox_updates SET payload = '{\"type\":\"hologram\",\"text\":\"Aziza\"}'"));

        assertThatThrownBy(() -> inbox.pending(0, 10))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("update 51")
                .hasMessageNotContaining("Aziza");
    }

    private static String one(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
