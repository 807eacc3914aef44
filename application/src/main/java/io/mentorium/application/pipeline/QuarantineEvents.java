package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The inbox, with every update newly set aside also written to the event log, in the quarantine's own transaction
 * (both callers quarantine inside one). The event names the update and the stage, never the reason: a reason is
 * masked, but it may still quote what the update held.
 */
public final class QuarantineEvents implements UpdateInbox {

    private final UpdateInbox inbox;
    private final EventLog events;

    public QuarantineEvents(UpdateInbox inbox, EventLog events) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public boolean quarantine(DeadLetter letter) {
        boolean fresh = inbox.quarantine(letter);
        if (fresh) {
            // A private chat's id is its parent's user id; a group's (negative) names nobody.
            Optional<TelegramUserId> actor = letter.chatId() > 0
                    ? Optional.of(new TelegramUserId(letter.chatId())) : Optional.empty();
            events.record(new EventLog.Event("update.quarantined", actor, Map.of(
                    "update", Long.toString(letter.updateId()),
                    "stage", letter.stage().name().toLowerCase(Locale.ROOT)), letter.at()));
        }
        return fresh;
    }

    @Override
    public Stored store(List<InboundUpdate> updates, Instant receivedAt) {
        return inbox.store(updates, receivedAt);
    }

    @Override
    public List<Pending> pending(long afterUpdateId, int limit) {
        return inbox.pending(afterUpdateId, limit);
    }

    @Override
    public boolean markDone(long updateId, Instant at) {
        return inbox.markDone(updateId, at);
    }

    @Override
    public Set<Long> markDone(Collection<Long> updateIds, Instant at) {
        return inbox.markDone(updateIds, at);
    }

    @Override
    public void reopen(Collection<Long> updateIds) {
        inbox.reopen(updateIds);
    }

    @Override
    public int purgeHandledBefore(Instant before) {
        return inbox.purgeHandledBefore(before);
    }
}
