package io.mentorium.application.pipeline;

import io.mentorium.application.assistant.QuestionsAsked;
import io.mentorium.application.billing.PaymentReceipts;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.port.out.UpdateInbox.DeadLetter;
import io.mentorium.application.port.out.UpdateInbox.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The transactions an update can end in: handled (marked done first, then the state change and the replies — all
 * together), or set aside (a dead letter, the update failed, an apology queued — together). Either way the outbox rows
 * come back for the relay.
 *
 * <p>Marking done comes first and only succeeds while the update is pending: the row lock makes a second attempt at the
 * same update wait for the first, and then find it done. So a worker whose commit acknowledgement was lost, and retries,
 * does not handle the update again: it offers the replies that commit queued instead (see {@link Outcome}).
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
     * @param replies    to send: the ones just queued; none when it was handled before (its replies still pending are
     *                   read again through {@link OutboxRelay#offerPending}, which keeps one sent meanwhile from
     *                   going twice)
     */
    record Outcome(boolean handledNow, List<QueuedMessage> replies, List<QuestionsAsked.Asked> asked) {

        Outcome {
            replies = List.copyOf(replies);
            asked = List.copyOf(asked);
        }
    }

    /**
     * What handling several chats' updates in one transaction came to.
     *
     * @param handled the outcomes of the updates handled, by update id
     * @param alone   the updates to handle one at a time with {@link #handle}: those that need a platform read first
     *                (the read they stopped for is kept), failed or were not pending any more
     */
    record Together(Map<Long, Outcome> handled, List<Alone> alone) {

        Together {
            handled = Map.copyOf(handled);
            alone = List.copyOf(alone);
        }

        static Together allAlone(List<InboundUpdate> updates) {
            return new Together(Map.of(), updates.stream().map(update -> new Alone(update, Optional.empty())).toList());
        }
    }

    /** An update to handle by itself, with the platform read its first try stopped for, if that is why. */
    record Alone(InboundUpdate update, Optional<PlatformReadScope.ReadNeeded> firstRead) {
    }

    /** What one update's unit of {@link #handleTogether} produced, to be queued at the transaction's end. */
    private record Handled(InboundUpdate update, List<Outgoing> replies, List<QuestionsAsked.Asked> asked,
                           List<QueuedMessage> receipts) {
    }

    /** A unit's update was not pending any more (handled before): it is handled alone, which finds its replies. */
    private static final class NotPending extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotPending() {
            super("the update was not pending any more", null, false, false);
        }
    }

    /**
     * Handles updates of different chats in one transaction, each as {@link #handle} would: one statement marks them
     * all done first (the row locks serialize a second attempt at any of them behind this one), then each is a unit of
     * work, then one statement queues all their replies. An update that needs a platform read is left out (its read
     * must not happen inside a transaction, nor hold up the others), as is one whose handling failed or that was not
     * pending any more; such an update is put back to pending in the same transaction and comes back to be handled
     * alone. This only makes the common case cheaper, never different.
     *
     * @throws RuntimeException when the transaction failed (nothing committed): handle each update alone
     */
    Together handleTogether(List<InboundUpdate> updates) {
        Instant now = clock.instant();
        List<Long> ids = updates.stream().map(InboundUpdate::updateId).toList();
        Set<Long> marked = new HashSet<>();
        List<Supplier<Optional<Handled>>> units = new ArrayList<>(updates.size() + 1);
        // The first unit marks them all; it runs again, first, whenever the transaction is begun again.
        units.add(() -> {
            marked.clear();
            marked.addAll(inbox.markDone(ids, now));
            converse.readAhead(updates.stream().filter(update -> marked.contains(update.updateId()))
                    .map(InboundUpdate::input).toList());
            return Optional.empty();
        });
        for (InboundUpdate update : updates) {
            units.add(() -> {
                if (!marked.contains(update.updateId())) {
                    throw new NotPending();
                }
                return Optional.of(unit(update));
            });
        }
        return transactions.inTransactionEach(units, outcomes -> finish(updates, marked, outcomes, now));
    }

    private Handled unit(InboundUpdate update) {
        // No answers known: any platform read stops this unit, and the update is handled alone.
        PlatformReadScope scope = PlatformReadScope.open();
        QuestionsAsked.begin();
        PaymentReceipts.begin();
        try {
            List<Outgoing> replies = converse.handle(update.input());
            return new Handled(update, replies, QuestionsAsked.end(), PaymentReceipts.end());
        } finally {
            QuestionsAsked.end();
            PaymentReceipts.end();
            scope.close();
        }
    }

    private Together finish(List<InboundUpdate> updates, Set<Long> marked,
                            List<TransactionRunner.Unit<Optional<Handled>>> outcomes, Instant now) {
        if (outcomes.getFirst() instanceof TransactionRunner.Unit.Left<Optional<Handled>> markingFailed) {
            throw markingFailed.failure();
        }
        List<Handled> handled = new ArrayList<>(updates.size());
        List<Alone> alone = new ArrayList<>();
        List<Long> reopened = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            InboundUpdate update = updates.get(i);
            switch (outcomes.get(i + 1)) {
                case TransactionRunner.Unit.Done<Optional<Handled>> done -> handled.add(done.value().orElseThrow());
                case TransactionRunner.Unit.Left<Optional<Handled>> left -> {
                    if (marked.contains(update.updateId())) {
                        reopened.add(update.updateId());
                    }
                    alone.add(new Alone(update, left.failure() instanceof PlatformReadScope.ReadNeeded needed
                            ? Optional.of(needed) : Optional.empty()));
                }
            }
        }
        inbox.reopen(reopened);
        List<List<QueuedMessage>> queued = outbox.enqueueReplies(handled.stream()
                .map(each -> new Outbox.Replies(each.update().updateId(), each.replies())).toList(), now);
        Map<Long, Outcome> byUpdate = new HashMap<>();
        for (int i = 0; i < handled.size(); i++) {
            Handled each = handled.get(i);
            byUpdate.put(each.update().updateId(),
                    new Outcome(true, withReceipts(each.receipts(), queued.get(i)), each.asked()));
        }
        return new Together(byUpdate, alone);
    }

    Outcome handle(InboundUpdate update) {
        return handle(update, Optional.empty());
    }

    /** @param firstRead a platform read known to be needed first (from {@link #handleTogether}), made at once */
    Outcome handle(InboundUpdate update, Optional<PlatformReadScope.ReadNeeded> firstRead) {
        PlatformReadScope scope = PlatformReadScope.open();
        try {
            firstRead.ifPresent(scope::answer);
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
                            .orElseGet(() -> new Outcome(false, List.of(), List.of()));
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
