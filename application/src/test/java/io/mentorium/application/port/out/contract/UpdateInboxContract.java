package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.PipelineData.everyInput;
import static io.mentorium.application.port.out.contract.PipelineData.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.port.out.UpdateInbox.DeadLetter;
import io.mentorium.application.port.out.UpdateInbox.Pending;
import io.mentorium.application.port.out.UpdateInbox.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UpdateInbox} must do. Subclasses hand out an empty inbox per test. */
public abstract class UpdateInboxContract {

    protected UpdateInbox inbox;

    protected abstract UpdateInbox emptyInbox();

    @BeforeEach
    final void startEmpty() {
        inbox = emptyInbox();
    }

    @Test
    void a_new_batch_is_stored_whole_and_returned_in_update_id_order() {
        List<InboundUpdate> batch = List.of(text(103, 1), text(101, 2), text(102, 1));

        UpdateInbox.Stored stored = inbox.store(batch, minutes(1));

        assertThat(stored.fresh()).isEqualTo(3);
        assertThat(stored.toHandle()).containsExactly(text(101, 2), text(102, 1), text(103, 1));
        assertThat(pending(0, 10)).isEqualTo(stored.toHandle());
    }

    @Test
    void a_redelivered_batch_stores_nothing_new_but_returns_what_still_waits_to_be_handled() {
        List<InboundUpdate> batch = List.of(text(201, 1), text(202, 1));
        inbox.store(batch, minutes(1));
        inbox.markDone(201, minutes(2));

        // As after a commit whose acknowledgement was lost: the retry must still hand 202 to the workers.
        UpdateInbox.Stored again = inbox.store(batch, minutes(2));

        assertThat(again.fresh()).isZero();
        assertThat(again.toHandle()).containsExactly(text(202, 1));
        assertThat(pending(0, 10)).containsExactly(text(202, 1));
    }

    @Test
    void a_mixed_batch_counts_only_the_new_updates_and_returns_every_pending_one_in_order() {
        inbox.store(List.of(text(302, 1), text(304, 2)), minutes(1));
        inbox.markDone(304, minutes(1));

        UpdateInbox.Stored stored = inbox.store(List.of(text(305, 3), text(304, 2), text(301, 1), text(302, 1),
                text(303, 2)), minutes(2));

        assertThat(stored.fresh()).isEqualTo(3);
        assertThat(ids(stored.toHandle())).containsExactly(301L, 302L, 303L, 305L);
        assertThat(ids(pending(0, 10))).containsExactly(301L, 302L, 303L, 305L);
    }

    @Test
    void an_update_already_handled_is_not_stored_again() {
        inbox.store(List.of(text(401, 1), text(402, 1)), minutes(1));
        inbox.markDone(401, minutes(2));
        inbox.quarantine(new DeadLetter(402, 1, Stage.HANDLE, "handler bug", minutes(2)));

        UpdateInbox.Stored again = inbox.store(List.of(text(401, 1), text(402, 1)), minutes(3));

        assertThat(again.toHandle()).isEmpty();
        assertThat(again.fresh()).isZero();
        assertThat(pending(0, 10)).isEmpty();
    }

    @Test
    void a_repeated_id_within_one_batch_is_stored_once() {
        UpdateInbox.Stored stored = inbox.store(List.of(text(501, 1), text(501, 1), text(500, 2)), minutes(1));

        assertThat(ids(stored.toHandle())).containsExactly(500L, 501L);
        assertThat(ids(pending(0, 10))).containsExactly(500L, 501L);
    }

    @Test
    void an_empty_batch_stores_nothing() {
        assertThat(inbox.store(List.of(), minutes(1)).toHandle()).isEmpty();
        assertThat(pending(0, 10)).isEmpty();
    }

    @Test
    void every_kind_of_input_round_trips() {
        List<InboundUpdate> updates = new ArrayList<>();
        long id = 600;
        for (ChatInput input : everyInput(-100_123_456_789L)) {
            updates.add(new InboundUpdate(id++, input));
        }
        for (ChatInput input : everyInput(7_000_000_001L)) {
            updates.add(new InboundUpdate(id++, input));
        }

        inbox.store(updates, minutes(1));

        assertThat(pending(0, 100)).isEqualTo(updates);
    }

    @Test
    void any_text_a_user_can_send_is_stored_and_read_back_unchanged() {
        // The NUL character made the old jsonb column refuse the whole batch (SQLState 22P05), and unpaired
        // surrogates cannot be encoded as UTF-8 at all: both must come back exactly as sent.
        List<String> hostile = List.of("nul \u0000 inside", "\u0000", "lone high \uD800 surrogate",
                "lone low \uDC00", "emoji \uD83D\uDE00 and Кириллица, o\u2018zbek", "quote \" back\\slash </script>",
                "\u0001\u001F control", "x".repeat(10_000));
        List<InboundUpdate> updates = new ArrayList<>();
        long id = 700;
        for (String content : hostile) {
            updates.add(new InboundUpdate(id++, new ChatInput.Text(PipelineData.sender(7), content)));
        }

        UpdateInbox.Stored stored = inbox.store(updates, minutes(1));

        assertThat(stored.fresh()).isEqualTo(hostile.size());
        assertThat(pending(0, 100)).isEqualTo(updates);
    }

    @Test
    void pending_pages_by_update_id_after_the_given_one_and_respects_the_limit() {
        inbox.store(LongStream.rangeClosed(1, 7).mapToObj(id -> text(id * 10, id % 3 + 1)).toList(), minutes(1));

        assertThat(ids(pending(0, 3))).containsExactly(10L, 20L, 30L);
        assertThat(ids(pending(30, 3))).containsExactly(40L, 50L, 60L);
        assertThat(ids(pending(35, 10))).containsExactly(40L, 50L, 60L, 70L);
        assertThat(pending(70, 3)).isEmpty();
        assertThat(pending(0, 0)).isEmpty();
    }

    @Test
    void ids_beyond_the_int_range_page_correctly() {
        long big = 5_000_000_000L;
        inbox.store(List.of(text(big + 1, 1), text(5, 1), text(big, 1)), minutes(1));

        assertThat(ids(pending(0, 10))).containsExactly(5L, big, big + 1);
        assertThat(ids(pending(big, 10))).containsExactly(big + 1);
    }

    @Test
    void done_and_quarantined_updates_leave_pending_and_paging_skips_them() {
        inbox.store(LongStream.rangeClosed(1, 6).mapToObj(id -> text(id, 1)).toList(), minutes(1));

        inbox.markDone(2, minutes(2));
        inbox.quarantine(new DeadLetter(3, 1, Stage.HANDLE, "could not parse", minutes(2)));
        inbox.markDone(5, minutes(2));

        assertThat(ids(pending(0, 2))).containsExactly(1L, 4L);
        assertThat(ids(pending(1, 10))).containsExactly(4L, 6L);
    }

    @Test
    void marking_done_succeeds_once_only_while_pending() {
        inbox.store(List.of(text(801, 1), text(802, 1)), minutes(1));
        inbox.quarantine(new DeadLetter(802, 1, Stage.HANDLE, "bug", minutes(2)));

        assertThat(inbox.markDone(801, minutes(2))).isTrue();
        assertThat(inbox.markDone(801, minutes(3))).isFalse();
        assertThat(inbox.markDone(802, minutes(3))).isFalse();
        assertThat(inbox.markDone(999, minutes(3))).isFalse();
    }

    @Test
    void marking_many_done_marks_and_returns_exactly_those_still_pending() {
        inbox.store(List.of(text(811, 1), text(812, 2), text(813, 3), text(814, 4)), minutes(1));
        inbox.markDone(812, minutes(2));
        inbox.quarantine(new DeadLetter(813, 3, Stage.HANDLE, "bug", minutes(2)));

        assertThat(inbox.markDone(List.of(811L, 812L, 813L, 814L, 999L), minutes(3))).containsExactlyInAnyOrder(811L, 814L);
        assertThat(inbox.markDone(List.of(811L, 814L), minutes(4))).isEmpty();
        assertThat(inbox.markDone(List.of(), minutes(4))).isEmpty();
        assertThat(pending(0, 10)).isEmpty();
    }

    @Test
    void reopening_puts_done_updates_back_to_pending_and_leaves_set_aside_ones_alone() {
        inbox.store(List.of(text(821, 1), text(822, 2), text(823, 3)), minutes(1));
        inbox.markDone(List.of(821L, 822L), minutes(2));
        inbox.quarantine(new DeadLetter(823, 3, Stage.HANDLE, "bug", minutes(2)));

        inbox.reopen(List.of(822L, 823L, 999L));

        assertThat(ids(pending(0, 10))).containsExactly(822L);
        assertThat(inbox.markDone(822, minutes(3))).isTrue();
        inbox.reopen(List.of());
    }

    @Test
    void quarantine_sets_a_pending_update_aside_once_and_records_an_unstored_one() {
        inbox.store(List.of(text(901, 1), text(902, 1)), minutes(1));
        inbox.markDone(902, minutes(2));

        assertThat(inbox.quarantine(new DeadLetter(901, 1, Stage.HANDLE, "bug", minutes(2)))).isTrue();
        assertThat(inbox.quarantine(new DeadLetter(901, 1, Stage.HANDLE, "bug again", minutes(3)))).isFalse();
        assertThat(inbox.quarantine(new DeadLetter(902, 1, Stage.HANDLE, "late", minutes(3)))).isFalse();
        // Never stored (the database refused it): the dead letter is all there is.
        assertThat(inbox.quarantine(new DeadLetter(903, 1, Stage.STORE, "refused", minutes(3)))).isTrue();
        assertThat(pending(0, 10)).isEmpty();
    }

    @Test
    void purge_scrubs_handled_content_after_the_window_and_forgets_ids_only_after_the_redelivery_window() {
        inbox.store(LongStream.rangeClosed(1, 5).mapToObj(id -> text(id, 1)).toList(), minutes(0));
        inbox.markDone(1, minutes(10));
        inbox.quarantine(new DeadLetter(2, 1, Stage.HANDLE, "bug", minutes(20)));
        inbox.markDone(3, minutes(30));
        // 4 and 5 stay pending, though received long before the cut-off

        assertThat(inbox.purgeHandledBefore(minutes(30))).isEqualTo(2);

        assertThat(ids(pending(0, 10))).containsExactly(4L, 5L);
        // Scrubbed, not forgotten: Telegram may still deliver an unconfirmed update again within a day.
        assertThat(inbox.store(List.of(text(1, 1), text(3, 1)), minutes(40)).fresh()).isZero();
        assertThat(inbox.purgeHandledBefore(minutes(30))).isZero();

        // A day later the ids go too, and only the handled ones.
        java.time.Instant dayLater = minutes(31).plus(Duration.ofHours(24));
        assertThat(inbox.purgeHandledBefore(dayLater)).isEqualTo(3);
        assertThat(ids(pending(0, 10))).containsExactly(4L, 5L);
        assertThat(inbox.store(List.of(text(1, 1)), dayLater).fresh()).isEqualTo(1);
    }

    protected final List<InboundUpdate> pending(long after, int limit) {
        return inbox.pending(after, limit).stream().map(p -> ((Pending.Readable) p).update()).toList();
    }

    private static List<Long> ids(List<InboundUpdate> updates) {
        return updates.stream().map(InboundUpdate::updateId).toList();
    }
}
