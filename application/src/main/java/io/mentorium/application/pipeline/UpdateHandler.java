package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.UpdateInbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The two transactions an update can end in: handled (state change, replies queued, update done — together), or given
 * up after a bug (update failed, apology queued — together). Either way the outbox rows come back for the relay.
 */
final class UpdateHandler {

    /** Stored with a failed update for whoever inspects it; the class and message of the bug, not more. */
    private static final int MAX_ERROR_LENGTH = 500;

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

    List<QueuedMessage> handle(InboundUpdate update) {
        return transactions.inTransaction(() -> {
            var replies = converse.handle(update.input());
            Instant now = clock.instant();
            List<QueuedMessage> queued = outbox.enqueue(replies, now);
            inbox.markDone(update.updateId(), now);
            return queued;
        });
    }

    List<QueuedMessage> giveUp(InboundUpdate update, RuntimeException bug) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            inbox.markFailed(update.updateId(), now, describe(bug));
            return outbox.enqueue(converse.apologize(update.input()), now);
        });
    }

    /** The last resort when even the apology fails with a bug: at least never hand the update out again. */
    void markFailed(InboundUpdate update, RuntimeException bug) {
        transactions.inTransaction(() -> inbox.markFailed(update.updateId(), clock.instant(), describe(bug)));
    }

    private static String describe(RuntimeException bug) {
        String text = bug.getMessage() == null ? bug.getClass().getName() : bug.getClass().getName() + ": "
                + bug.getMessage();
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
