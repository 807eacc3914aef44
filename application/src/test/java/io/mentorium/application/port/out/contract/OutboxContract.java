package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.PipelineData.everyMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.domain.shared.ChatId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Outbox} must do. Subclasses hand out an empty outbox per test. */
public abstract class OutboxContract {

    protected Outbox outbox;

    protected abstract Outbox emptyOutbox();

    @BeforeEach
    final void startEmpty() {
        outbox = emptyOutbox();
    }

    @Test
    void enqueued_messages_get_growing_ids_in_the_order_given_and_wait_from_now() {
        List<Outgoing> messages = List.of(say(3, "c"), say(1, "a"), say(2, "b"), say(1, "d"));

        List<QueuedMessage> queued = outbox.enqueue(messages, minutes(1));

        assertThat(queued).extracting(QueuedMessage::message).containsExactlyElementsOf(messages);
        assertThat(queued).extracting(QueuedMessage::id).isSorted().doesNotHaveDuplicates();
        assertThat(queued).allSatisfy(message -> {
            assertThat(message.attempts()).isZero();
            assertThat(message.notBefore()).isEqualTo(minutes(1));
        });
        assertThat(outbox.pending(0, 10)).isEqualTo(queued);
    }

    @Test
    void replies_to_several_updates_queue_in_one_go_each_findable_by_its_update() {
        List<List<QueuedMessage>> queued = outbox.enqueueReplies(List.of(
                new Outbox.Replies(71, List.of(say(1, "a1"), say(1, "a2"))),
                new Outbox.Replies(72, List.of()),
                new Outbox.Replies(73, List.of(say(3, "c1")))), minutes(1));

        assertThat(queued).hasSize(3);
        assertThat(queued.get(0)).extracting(QueuedMessage::message).containsExactly(say(1, "a1"), say(1, "a2"));
        assertThat(queued.get(1)).isEmpty();
        assertThat(queued.get(2)).extracting(QueuedMessage::message).containsExactly(say(3, "c1"));
        assertThat(concat(queued.get(0), queued.get(2))).extracting(QueuedMessage::id).isSorted()
                .doesNotHaveDuplicates();
        assertThat(outbox.pendingReplies(71)).isEqualTo(queued.get(0));
        assertThat(outbox.pendingReplies(72)).isEmpty();
        assertThat(outbox.pendingReplies(73)).isEqualTo(queued.get(2));
    }

    @Test
    void a_message_queued_for_later_waits_until_then_and_a_past_not_before_means_now() {
        List<QueuedMessage> later = outbox.enqueue(List.of(say(1, "after the quiet hours")), minutes(1), minutes(90));
        List<QueuedMessage> now = outbox.enqueue(List.of(say(2, "right away")), minutes(5), minutes(2));

        assertThat(later.getFirst().notBefore()).isEqualTo(minutes(90));
        assertThat(now.getFirst().notBefore()).isEqualTo(minutes(5));
        // Still pending in id order: the relay, not the outbox, holds a message back until its time.
        assertThat(outbox.pending(0, 10)).isEqualTo(concat(later, now));
    }

    @Test
    void a_large_batch_keeps_its_order_and_later_batches_come_after_it() {
        List<Outgoing> first = IntStream.range(0, 300).<Outgoing>mapToObj(i -> say(i % 7 + 1, "m" + i)).toList();
        List<Outgoing> second = List.of(say(1, "later"));

        List<QueuedMessage> queuedFirst = outbox.enqueue(first, minutes(1));
        List<QueuedMessage> queuedSecond = outbox.enqueue(second, minutes(1));

        assertThat(queuedFirst).extracting(QueuedMessage::message).containsExactlyElementsOf(first);
        assertThat(queuedFirst).extracting(QueuedMessage::id).isSorted().doesNotHaveDuplicates();
        assertThat(queuedSecond.getFirst().id()).isGreaterThan(queuedFirst.getLast().id());
        assertThat(outbox.pending(0, 1000)).extracting(QueuedMessage::message)
                .containsExactlyElementsOf(concat(first, second));
    }

    @Test
    void enqueueing_nothing_queues_nothing() {
        assertThat(outbox.enqueue(List.of(), minutes(1))).isEmpty();
        assertThat(outbox.pending(0, 10)).isEmpty();
    }

    @Test
    void every_kind_of_message_and_keyboard_round_trips() {
        List<Outgoing> messages = concat(everyMessage(42), everyMessage(-1_001_234_567_890L));

        outbox.enqueue(messages, minutes(1));

        assertThat(outbox.pending(0, 100)).extracting(QueuedMessage::message).containsExactlyElementsOf(messages);
    }

    @Test
    void pending_pages_by_id_after_the_given_one_and_respects_the_limit() {
        List<QueuedMessage> queued = outbox.enqueue(IntStream.range(0, 5).<Outgoing>mapToObj(i -> say(1, "m" + i))
                .toList(), minutes(1));
        long[] ids = queued.stream().mapToLong(QueuedMessage::id).toArray();

        assertThat(outbox.pending(0, 2)).containsExactly(queued.get(0), queued.get(1));
        assertThat(outbox.pending(ids[1], 2)).containsExactly(queued.get(2), queued.get(3));
        assertThat(outbox.pending(ids[3], 2)).containsExactly(queued.get(4));
        assertThat(outbox.pending(ids[4], 2)).isEmpty();
        assertThat(outbox.pending(0, 0)).isEmpty();
    }

    @Test
    void a_sent_message_leaves_pending_and_the_others_stay() {
        List<QueuedMessage> queued = outbox.enqueue(List.of(say(1, "a"), say(1, "b"), say(2, "c")), minutes(1));

        outbox.markSent(queued.get(1).id(), minutes(2));

        assertThat(outbox.pending(0, 10)).containsExactly(queued.get(0), queued.get(2));
    }

    @Test
    void a_retry_is_recorded_and_the_message_stays_pending_with_its_new_time() {
        List<QueuedMessage> queued = outbox.enqueue(List.of(say(1, "a"), say(2, "b")), minutes(1));
        QueuedMessage first = queued.getFirst();

        outbox.recordRetry(first.id(), 1, minutes(5), "429: retry after 4 s");
        outbox.recordRetry(first.id(), 2, minutes(9), "503");

        assertThat(outbox.pending(0, 10)).containsExactly(
                new QueuedMessage(first.id(), first.message(), 2, minutes(9)), queued.get(1));
    }

    @Test
    void a_message_given_up_leaves_pending() {
        List<QueuedMessage> queued = outbox.enqueue(List.of(say(1, "a"), say(1, "b")), minutes(1));

        outbox.markGivenUp(queued.getFirst().id(), minutes(2), "400: message is too long");

        assertThat(outbox.pending(0, 10)).containsExactly(queued.get(1));
    }

    @Test
    void giving_up_a_chat_touches_only_that_chats_pending_messages() {
        List<QueuedMessage> queued = outbox.enqueue(List.of(say(1, "a"), say(2, "b"), say(1, "c"), say(3, "d"),
                say(1, "e")), minutes(1));
        outbox.markSent(queued.get(0).id(), minutes(2));

        int givenUp = outbox.giveUpChat(new ChatId(1), minutes(3), "403: blocked by the user");

        assertThat(givenUp).isEqualTo(2);
        assertThat(outbox.pending(0, 10)).containsExactly(queued.get(1), queued.get(3));
        assertThat(outbox.giveUpChat(new ChatId(1), minutes(4), "again")).isZero();
        assertThat(outbox.giveUpChat(new ChatId(99), minutes(4), "nobody")).isZero();
    }

    @Test
    void marking_an_unknown_message_fails() {
        assertThatThrownBy(() -> outbox.markSent(999, minutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.recordRetry(999, 1, minutes(1), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.markGivenUp(999, minutes(1), "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void purge_deletes_only_messages_handled_before_the_instant() {
        List<QueuedMessage> queued = outbox.enqueue(IntStream.range(0, 5).<Outgoing>mapToObj(i -> say(1, "m" + i))
                .toList(), minutes(0));
        outbox.markSent(queued.get(0).id(), minutes(10));
        outbox.markGivenUp(queued.get(1).id(), minutes(20), "400");
        outbox.markSent(queued.get(2).id(), minutes(30));
        outbox.recordRetry(queued.get(3).id(), 1, minutes(5), "503");

        assertThat(outbox.purgeHandledBefore(minutes(30))).isEqualTo(2);

        assertThat(outbox.pending(0, 10)).extracting(QueuedMessage::id)
                .containsExactly(queued.get(3).id(), queued.get(4).id());
        assertThat(outbox.purgeHandledBefore(minutes(31))).isEqualTo(1);
        assertThat(outbox.pending(0, 10)).hasSize(2);
    }

    private static SendText say(long chat, String text) {
        return new SendText(new ChatId(chat), text);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
