package io.mentorium.adapters.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.contract.EventLogContract;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiEventLogContractTest extends EventLogContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant AT = Instant.parse("2026-11-02T10:00:00.123456Z");

    @Override
    protected EventLog emptyLog() {
        db.truncate();
        return new JdbiEventLog(db.jdbi(), 2);
    }

    @Test
    void events_of_a_transaction_wait_for_its_end_and_go_in_together() {
        JdbiTransactionRunner transactions = new JdbiTransactionRunner(db.jdbi());
        int seen = transactions.inTransaction(() -> {
            events.record(EventLog.Event.by(new TelegramUserId(11), "a.one", Map.of("k", "v"), AT));
            events.record(EventLog.Event.bySystem("a.two", Map.of(), AT.plusSeconds(1)));
            return count();
        });

        assertThat(seen).as("held until the end of the transaction").isZero();
        assertThat(events.recent(10)).extracting(EventLog.Event::type).containsExactly("a.two", "a.one");
        assertThat(events.recent(10).getLast().at()).isEqualTo(AT);
    }

    @Test
    void events_of_a_transaction_that_rolls_back_are_never_written() {
        JdbiTransactionRunner transactions = new JdbiTransactionRunner(db.jdbi());
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            events.record(EventLog.Event.bySystem("a.one", Map.of(), AT));
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(count()).isZero();
        events.record(EventLog.Event.bySystem("b.after", Map.of(), AT));
        assertThat(count()).as("outside a transaction an event is written at once").isEqualTo(1);
    }

    @Test
    void purge_works_in_chunks_until_nothing_old_is_left() {
        for (int i = 0; i < 5; i++) {
            events.record(EventLog.Event.bySystem("a.old", Map.of(), AT.plusSeconds(i)));
        }
        events.record(EventLog.Event.bySystem("a.young", Map.of(), AT.plusSeconds(60)));

        assertThat(events.purgeBefore(AT.plusSeconds(30))).isEqualTo(5);
        assertThat(count()).isEqualTo(1);
    }

    private static int count() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM bot.event_log").mapTo(Integer.class).one());
    }
}
