package io.mentorium.application.admin;

import io.mentorium.application.conversation.MessageKey;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.port.in.BroadcastAnnouncement;
import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.out.Broadcasts;
import io.mentorium.application.port.out.Broadcasts.Broadcast;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.notification.DeliveryPolicy;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffAction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * System announcements. Confirming only marks the draft; the fan-out runs off the chat's turn ({@link #deliverPending},
 * from a timer), a page of parents per transaction: the page's recipients are claimed (a primary key per announcement
 * and parent) and exactly the newly claimed get a message in the outbox, in the same transaction, each not before the
 * end of the parent's quiet hours. A crash between pages resumes after the last committed page; a page replayed
 * claims nobody twice. The outbox relay then sends at the global rate.
 */
public final class BroadcastAnnouncementService implements BroadcastAnnouncement {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastAnnouncementService.class);

    public static final int DEFAULT_PAGE_SIZE = 500;

    private final ManageStaff staff;
    private final Broadcasts broadcasts;
    private final ParentRepository parents;
    private final Outbox outbox;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final ZoneId zone;
    private final Messages messages;
    private final int pageSize;

    public BroadcastAnnouncementService(ManageStaff staff, Broadcasts broadcasts, ParentRepository parents,
                                        Outbox outbox, EventLog events, TransactionRunner transactions, Clock clock,
                                        ZoneId zone, Messages messages, int pageSize) {
        this.staff = Objects.requireNonNull(staff, "staff");
        this.broadcasts = Objects.requireNonNull(broadcasts, "broadcasts");
        this.parents = Objects.requireNonNull(parents, "parents");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.messages = Objects.requireNonNull(messages, "messages");
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        this.pageSize = pageSize;
    }

    @Override
    public Prepared prepare(TelegramUserId actor, String text) {
        if (!staff.may(actor, StaffAction.BROADCAST)) {
            return new Prepared.NotAllowed();
        }
        String announcement = text == null ? "" : text.strip();
        if (announcement.isEmpty()) {
            return new Prepared.Empty();
        }
        if (announcement.length() > MAX_TEXT) {
            return new Prepared.TooLong(announcement.length());
        }
        Instant now = clock.instant();
        long id = transactions.inTransaction(() -> {
            long created = broadcasts.create(actor, announcement, now);
            events.record(new EventLog.Event("broadcast.prepared", Optional.of(actor), Map.of(
                    "broadcast", Long.toString(created), "length", Integer.toString(announcement.length())), now));
            return created;
        });
        return new Prepared.Draft(id, announcement);
    }

    @Override
    public Decision confirm(TelegramUserId actor, long broadcastId) {
        return decide(actor, broadcastId, true);
    }

    @Override
    public Decision cancel(TelegramUserId actor, long broadcastId) {
        return decide(actor, broadcastId, false);
    }

    private Decision decide(TelegramUserId actor, long broadcastId, boolean confirm) {
        if (!staff.may(actor, StaffAction.BROADCAST)) {
            return new Decision.NotAllowed();
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            if (broadcasts.find(broadcastId).isEmpty()) {
                return new Decision.Unknown();
            }
            boolean decided = confirm ? broadcasts.confirm(broadcastId, now) : broadcasts.cancel(broadcastId, now);
            if (!decided) {
                return new Decision.AlreadyDecided(broadcastId);
            }
            events.record(new EventLog.Event(confirm ? "broadcast.confirmed" : "broadcast.cancelled",
                    Optional.of(actor), Map.of("broadcast", Long.toString(broadcastId)), now));
            LOG.info("Broadcast {} {} by {}", broadcastId, confirm ? "confirmed" : "cancelled", actor);
            return confirm ? new Decision.Confirmed(broadcastId) : new Decision.Cancelled(broadcastId);
        });
    }

    @Override
    public int deliverPending() {
        int queued = 0;
        for (Broadcast broadcast : broadcasts.undelivered(10)) {
            queued += deliver(broadcast);
        }
        return queued;
    }

    private int deliver(Broadcast broadcast) {
        Optional<TelegramUserId> after = broadcast.cursor();
        int queued = 0;
        while (true) {
            // The page is read outside the write transaction: only the claim and the queueing need to be atomic.
            List<Parent> page = parents.findPage(after, pageSize);
            if (page.isEmpty()) {
                break;
            }
            queued += queuePage(broadcast, page);
            after = Optional.of(page.getLast().id());
            if (page.size() < pageSize) {
                break;
            }
        }
        Instant now = clock.instant();
        int total = queued;
        transactions.inTransaction(() -> {
            if (broadcasts.markDelivered(broadcast.id(), now)) {
                events.record(new EventLog.Event("broadcast.delivered", Optional.of(broadcast.author()), Map.of(
                        "broadcast", Long.toString(broadcast.id()),
                        "recipients", Long.toString(broadcasts.recipientCount(broadcast.id()))), now));
            }
        });
        LOG.info("Broadcast {} queued for {} more parents", broadcast.id(), total);
        return queued;
    }

    private int queuePage(Broadcast broadcast, List<Parent> page) {
        Instant now = clock.instant();
        Map<TelegramUserId, Instant> due = new LinkedHashMap<>();
        Map<TelegramUserId, Parent> byId = new LinkedHashMap<>();
        for (Parent parent : page) {
            // Empty for a parent who blocked the bot: nothing for them, now or later.
            DeliveryPolicy.decide(parent.preferences(), parent.reachable(), NotificationKind.SYSTEM, now, zone)
                    .sendAt(now).ifPresent(at -> due.put(parent.id(), at));
            byId.put(parent.id(), parent);
        }
        TelegramUserId last = page.getLast().id();
        return transactions.inTransaction(() -> {
            Set<TelegramUserId> claimed = due.isEmpty() ? Set.of()
                    : broadcasts.claimRecipients(broadcast.id(), due.keySet(), now);
            // One enqueue per distinct "not before": a handful of quiet-hour ends, not one statement per parent.
            Map<Instant, List<Outgoing>> byTime = new LinkedHashMap<>();
            for (TelegramUserId id : claimed) {
                Parent parent = byId.get(id);
                byTime.computeIfAbsent(due.get(id), time -> new ArrayList<>()).add(new SendText(parent.chatId(),
                        messages.html(parent.language(), MessageKey.BROADCAST_MESSAGE, broadcast.text())));
            }
            byTime.forEach((notBefore, batch) -> outbox.enqueue(batch, now, notBefore));
            broadcasts.advance(broadcast.id(), last);
            return claimed.size();
        });
    }
}
