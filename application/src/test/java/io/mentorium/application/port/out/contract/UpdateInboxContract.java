package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.PipelineData.everyInput;
import static io.mentorium.application.port.out.contract.PipelineData.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.UpdateInbox;
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

        List<InboundUpdate> fresh = inbox.store(batch, minutes(1));

        assertThat(ids(fresh)).containsExactly(101L, 102L, 103L);
        assertThat(fresh).containsExactly(text(101, 2), text(102, 1), text(103, 1));
        assertThat(inbox.pending(0, 10)).isEqualTo(fresh);
    }

    @Test
    void a_redelivered_batch_stores_nothing_and_returns_nothing() {
        List<InboundUpdate> batch = List.of(text(201, 1), text(202, 1));
        inbox.store(batch, minutes(1));

        assertThat(inbox.store(batch, minutes(2))).isEmpty();
        assertThat(inbox.pending(0, 10)).containsExactly(text(201, 1), text(202, 1));
    }

    @Test
    void a_mixed_batch_returns_only_the_new_updates_in_order() {
        inbox.store(List.of(text(302, 1), text(304, 2)), minutes(1));

        List<InboundUpdate> fresh = inbox.store(List.of(text(305, 3), text(304, 2), text(301, 1), text(302, 1),
                text(303, 2)), minutes(2));

        assertThat(ids(fresh)).containsExactly(301L, 303L, 305L);
        assertThat(ids(inbox.pending(0, 10))).containsExactly(301L, 302L, 303L, 304L, 305L);
    }

    @Test
    void an_update_already_handled_is_not_stored_again() {
        inbox.store(List.of(text(401, 1), text(402, 1)), minutes(1));
        inbox.markDone(401, minutes(2));
        inbox.markFailed(402, minutes(2), "handler bug");

        assertThat(inbox.store(List.of(text(401, 1), text(402, 1)), minutes(3))).isEmpty();
        assertThat(inbox.pending(0, 10)).isEmpty();
    }

    @Test
    void a_repeated_id_within_one_batch_is_stored_once() {
        List<InboundUpdate> fresh = inbox.store(List.of(text(501, 1), text(501, 1), text(500, 2)), minutes(1));

        assertThat(ids(fresh)).containsExactly(500L, 501L);
        assertThat(ids(inbox.pending(0, 10))).containsExactly(500L, 501L);
    }

    @Test
    void an_empty_batch_stores_nothing() {
        assertThat(inbox.store(List.of(), minutes(1))).isEmpty();
        assertThat(inbox.pending(0, 10)).isEmpty();
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

        assertThat(inbox.pending(0, 100)).isEqualTo(updates);
    }

    @Test
    void pending_pages_by_update_id_after_the_given_one_and_respects_the_limit() {
        inbox.store(LongStream.rangeClosed(1, 7).mapToObj(id -> text(id * 10, id % 3 + 1)).toList(), minutes(1));

        assertThat(ids(inbox.pending(0, 3))).containsExactly(10L, 20L, 30L);
        assertThat(ids(inbox.pending(30, 3))).containsExactly(40L, 50L, 60L);
        assertThat(ids(inbox.pending(35, 10))).containsExactly(40L, 50L, 60L, 70L);
        assertThat(inbox.pending(70, 3)).isEmpty();
        assertThat(inbox.pending(0, 0)).isEmpty();
    }

    @Test
    void ids_beyond_the_int_range_page_correctly() {
        long big = 5_000_000_000L;
        inbox.store(List.of(text(big + 1, 1), text(5, 1), text(big, 1)), minutes(1));

        assertThat(ids(inbox.pending(0, 10))).containsExactly(5L, big, big + 1);
        assertThat(ids(inbox.pending(big, 10))).containsExactly(big + 1);
    }

    @Test
    void done_and_failed_updates_leave_pending_and_paging_skips_them() {
        inbox.store(LongStream.rangeClosed(1, 6).mapToObj(id -> text(id, 1)).toList(), minutes(1));

        inbox.markDone(2, minutes(2));
        inbox.markFailed(3, minutes(2), "could not parse");
        inbox.markDone(5, minutes(2));

        assertThat(ids(inbox.pending(0, 2))).containsExactly(1L, 4L);
        assertThat(ids(inbox.pending(1, 10))).containsExactly(4L, 6L);
    }

    @Test
    void marking_an_unknown_update_fails() {
        assertThatThrownBy(() -> inbox.markDone(999, minutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbox.markFailed(999, minutes(1), "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void purge_deletes_only_updates_handled_before_the_instant() {
        inbox.store(LongStream.rangeClosed(1, 5).mapToObj(id -> text(id, 1)).toList(), minutes(0));
        inbox.markDone(1, minutes(10));
        inbox.markFailed(2, minutes(20), "bug");
        inbox.markDone(3, minutes(30));
        // 4 and 5 stay pending, though received long before the cut-off

        assertThat(inbox.purgeHandledBefore(minutes(30))).isEqualTo(2);

        assertThat(ids(inbox.pending(0, 10))).containsExactly(4L, 5L);
        // purged ids are gone for good: storing them again makes them new (Telegram never reuses an id after a day)
        assertThat(ids(inbox.store(List.of(text(1, 1), text(3, 1)), minutes(40)))).containsExactly(1L);
        assertThat(inbox.purgeHandledBefore(minutes(30))).isZero();
    }

    private static List<Long> ids(List<InboundUpdate> updates) {
        return updates.stream().map(InboundUpdate::updateId).toList();
    }
}
