package io.mentorium.application.pipeline;

import io.mentorium.application.assistant.QuestionsAsked;
import io.mentorium.application.billing.PaymentReceipts;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.port.out.UpdateInbox.DeadLetter;
import io.mentorium.application.port.out.UpdateInbox.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transactions an update can end in: handled (marked done first, then the state change and the replies — all
 * together), or set aside (a dead letter, the update failed, an apology queued — together). Either way the outbox rows
 * come back for the relay.
 *
 * <p>Marking done comes first and only succeeds while the update is pending: the row lock makes a second attempt at the
 * same update wait for the first, and then find it done. So a worker whose commit acknowledgement was lost, and retries,
 * does not handle the update again: it picks up the replies that commit queued instead.
 */
final class UpdateHandler {

    /** Rounds of "read the platform, then handle again" before reads are made inside the transaction after all. */
    static final int MAX_PLATFORM_ROUNDS = 4;

    private final ConverseWithParent converse;
    private final UpdateInbox inbox;
    private final Outbox outbox;
    private final TransactionRunner transactions;
    private final Clock clock;

    UpdateHandler(ConverseWithParent converse, UpdateInbox inbox, Outbox outbox, TransactionRunner transactions,
                  Clock clock) {
        this.converse = converse;
        this.inbox = inbox;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param handledNow whether this call handled the update (false: it was done before, by an attempt whose commit
     *                   went through although its caller saw an error, or by a second submission of the update)
     * @param replies    to send: the ones just queued, or those queued before and not sent yet
     */
    record Outcome(boolean handledNow, List<QueuedMessage> replies, List<QuestionsAsked.Asked> asked) {

        Outcome {
            replies = List.copyOf(replies);
            asked = List.copyOf(asked);
        }
    }

    Outcome handle(InboundUpdate update) {
        PlatformReadScope scope = PlatformReadScope.open();
        try {
            for (int round = 1; ; round++) {
                if (round > MAX_PLATFORM_ROUNDS) {
                    scope.readThrough();
                }
                // Questions and payment receipts count only once their transaction has committed: each round
                // collects afresh. Receipts go out with the replies, after them in the chat as they were queued first.
                QuestionsAsked.begin();
                PaymentReceipts.begin();
                try {
                    Optional<List<QueuedMessage>> handled = transactions.inTransaction(() -> apply(update));
                    List<QuestionsAsked.Asked> asked = QuestionsAsked.end();
                    List<QueuedMessage> receipts = PaymentReceipts.end();
                    return handled.map(replies -> new Outcome(true, withReceipts(receipts, replies), asked))
                            .orElseGet(() -> new Outcome(false, outbox.pendingReplies(update.updateId()), List.of()));
                } catch (PlatformReadScope.ReadNeeded needed) {
                    // The transaction rolled back: read with no bot connection held, then handle again.
                    scope.answer(needed);
                } finally {
                    QuestionsAsked.end();
                    PaymentReceipts.end();
                }
            }
        } finally {
            scope.close();
        }
    }

    private static List<QueuedMessage> withReceipts(List<QueuedMessage> receipts, List<QueuedMessage> replies) {
        if (receipts.isEmpty()) {
            return replies;
        }
        List<QueuedMessage> all = new ArrayList<>(receipts);
        all.addAll(replies);
        return all;
    }

    private Optional<List<QueuedMessage>> apply(InboundUpdate update) {
        Instant now = clock.instant();
        if (!inbox.markDone(update.updateId(), now)) {
            return Optional.empty();
        }
        var replies = converse.handle(update.input());
        return Optional.of(outbox.enqueueReplies(update.updateId(), replies, now));
    }

    /**
     * Sets the update aside with an apology to the parent. Reads nothing from the platform.
     *
     * @return the apology as queued; empty if the update was no longer pending
     */
    List<QueuedMessage> quarantine(InboundUpdate update, String reason, boolean apologize) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            DeadLetter letter = new DeadLetter(update.updateId(), update.input().sender().chatId().value(),
                    Stage.HANDLE, Redaction.mask(reason), now);
            if (!inbox.quarantine(letter) || !apologize) {
                return List.of();
            }
            return outbox.enqueueReplies(update.updateId(), converse.apologize(update.input()), now);
        });
    }
}
