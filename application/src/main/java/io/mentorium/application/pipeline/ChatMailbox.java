package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.domain.shared.ChatId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * One chat's messages waiting in the relay, in outbox-id order, and the chat's own pace. Guarded by the relay's lock.
 */
final class ChatMailbox {

    /** Where the relay's dispatcher currently keeps this mailbox. */
    enum Slot { NONE, READY, TIMED }

    final ChatId chatId;
    final ArrayDeque<QueuedMessage> queue = new ArrayDeque<>();
    final RateGate pace;
    boolean sending;
    Slot slot = Slot.NONE;
    /** Bumped whenever the mailbox leaves the timed queue another way, so the stale wake-up left there is ignored. */
    long wakeupTicket;

    ChatMailbox(ChatId chatId, Duration interval, int burst) {
        this.chatId = chatId;
        this.pace = new RateGate(interval, burst);
    }

    /**
     * When the head message may go: not before its own retry time and, if it is paced, not before the chat's pace
     * allows.
     */
    Instant headDueAt() {
        QueuedMessage head = queue.getFirst();
        Instant due = head.notBefore();
        if (head.message().paced() && pace.earliest().isAfter(due)) {
            due = pace.earliest();
        }
        return due;
    }

    boolean headPaced() {
        return queue.getFirst().message().paced();
    }
}
