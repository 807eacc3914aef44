package io.mentorium.application.admin;

import io.mentorium.application.port.in.ContactSupport;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.StaffRoles;
import io.mentorium.application.service.AdminRoster;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment support relayed through the bot. Runs on the sender's turn, so the event is written in the same transaction
 * as the messages it explains; the event holds ids and lengths, never what was written.
 */
public final class ContactSupportService implements ContactSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ContactSupportService.class);
    private static final String REQUESTED = "support.requested";

    private final StaffRoles staff;
    private final AdminRoster configured;
    private final ParentRepository parents;
    private final EventLog events;
    private final Clock clock;

    public ContactSupportService(StaffRoles staff, AdminRoster configured, ParentRepository parents, EventLog events,
                                 Clock clock) {
        this.staff = Objects.requireNonNull(staff, "staff");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.parents = Objects.requireNonNull(parents, "parents");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Asked ask(TelegramUserId parentId, int characters) {
        Instant now = clock.instant();
        // Counted from the log the requests are recorded in: nothing else to keep, and it survives restarts.
        int lastHour = events.find(new EventLog.EventQuery(Optional.of(REQUESTED), Optional.of(parentId),
                now.minus(Duration.ofHours(1)), now.plusMillis(1), MAX_PER_HOUR)).size();
        if (lastHour >= MAX_PER_HOUR) {
            LOG.warn("Payment support message from parent {} not relayed: {} in the last hour", parentId, lastHour);
            return new Asked.TooMany(MAX_PER_HOUR);
        }
        // The configured admins first, as the rights do: a lost or unseeded table must not leave parents unheard.
        List<Recipient> recipients = Stream.concat(
                        configured.admins().stream().sorted(), staff.staff(MAX_RECIPIENTS).stream())
                .distinct()
                .filter(operator -> !operator.equals(parentId))
                .limit(MAX_RECIPIENTS)
                .map(operator -> new Recipient(operator, parents.findById(operator).map(Parent::language)))
                .toList();
        events.record(new EventLog.Event(REQUESTED, Optional.of(parentId), Map.of(
                "characters", Integer.toString(characters), "operators", Integer.toString(recipients.size())), now));
        if (recipients.isEmpty()) {
            LOG.warn("Payment support message from parent {} reaches no operator: nobody else holds a staff role",
                    parentId);
        } else {
            LOG.info("Payment support message from parent {} relayed to {} operator(s)", parentId, recipients.size());
        }
        return new Asked.Relayed(recipients);
    }

    @Override
    public Optional<Parent> answer(TelegramUserId operatorId, TelegramUserId parentId, int characters) {
        Optional<Parent> parent = parents.findById(parentId);
        if (parent.isPresent()) {
            events.record(new EventLog.Event("support.answered", Optional.of(operatorId), Map.of(
                    "parent", Long.toString(parentId.value()), "characters", Integer.toString(characters)),
                    clock.instant()));
            LOG.info("Operator {} answered parent {} in the bot", operatorId, parentId);
        }
        return parent;
    }
}
