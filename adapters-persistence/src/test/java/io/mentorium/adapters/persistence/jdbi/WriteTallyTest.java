package io.mentorium.adapters.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which statements may change a row read ahead: only a plain insert into a named table it does not hold may not. */
class WriteTallyTest {

    @Test
    void a_plain_insert_into_another_schema_qualified_table_leaves_the_rows_read_ahead() {
        assertThat(WriteTally.insertsBesideReadAhead("INSERT INTO bot.event_log (type) VALUES (?)")).isTrue();
        assertThat(WriteTally.insertsBesideReadAhead("\n  insert  into BOT.DIALOG_MESSAGES(parent_id) VALUES (?)"))
                .isTrue();
        assertThat(WriteTally.insertsBesideReadAhead("INSERT INTO \"bot\".\"outbox_messages\" SELECT 1")).isTrue();
    }

    @Test
    void anything_else_may_change_them() {
        assertThat(WriteTally.insertsBesideReadAhead("INSERT INTO bot.parents (telegram_user_id) VALUES (?)"))
                .isFalse();
        assertThat(WriteTally.insertsBesideReadAhead("INSERT INTO bot.parent_learners(parent_id) VALUES (?)"))
                .isFalse();
        assertThat(WriteTally.insertsBesideReadAhead("insert into \"bot\".\"conversations\" VALUES (1)")).isFalse();
        assertThat(WriteTally.insertsBesideReadAhead("INSERT INTO bot.assistant_questions (parent_id) VALUES (?)"))
                .as("read ahead for the hourly count").isFalse();
        assertThat(WriteTally.insertsBesideReadAhead("INSERT INTO bot.subscription_grants VALUES (?)")).isFalse();
        assertThat(WriteTally.insertsBesideReadAhead("INSERT INTO bot.trials VALUES (?)")).isFalse();
        assertThat(WriteTally.insertsBesideReadAhead("INSERT INTO event_log (type) VALUES (?)"))
                .as("unqualified: the search path decides").isFalse();
        assertThat(WriteTally.insertsBesideReadAhead("WITH x AS (DELETE FROM bot.parents RETURNING 1) "
                + "INSERT INTO bot.event_log (type) SELECT 'x' FROM x")).isFalse();
        assertThat(WriteTally.insertsBesideReadAhead("UPDATE bot.event_log SET type = 'x'")).isFalse();
        assertThat(WriteTally.insertsBesideReadAhead("INSERTINTO bot.event_log")).isFalse();
        assertThat(WriteTally.insertsBesideReadAhead("INSERT INTO")).isFalse();
        assertThat(WriteTally.insertsBesideReadAhead(null)).isFalse();
    }

    @Test
    void only_writes_that_may_change_a_row_read_ahead_move_its_count() {
        long writes = WriteTally.count();
        long readAhead = WriteTally.readAheadCount();

        WriteTally.running("SELECT 1");
        WriteTally.running("INSERT INTO bot.event_log (type) VALUES ('x')");
        assertThat(WriteTally.count()).isEqualTo(writes + 1);
        assertThat(WriteTally.readAheadCount()).isEqualTo(readAhead);

        WriteTally.running("UPDATE bot.conversations SET step = 'x'");
        WriteTally.wrote();
        assertThat(WriteTally.count()).isEqualTo(writes + 3);
        assertThat(WriteTally.readAheadCount()).isEqualTo(readAhead + 2);
    }
}
