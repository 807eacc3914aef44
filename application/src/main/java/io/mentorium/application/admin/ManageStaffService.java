package io.mentorium.application.admin;

import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.StaffRoles;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.service.AdminRoster;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffAction;
import io.mentorium.domain.staff.StaffRole;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' roles. The configured admins ({@code ADMIN_TELEGRAM_IDS}) are admins before the database is asked, so a
 * mistaken /revoke or a lost table can never lock the operators out; everyone else's role is the stored one. Every
 * change is written to the event log in the same transaction as the role.
 */
public final class ManageStaffService implements ManageStaff {

    private static final Logger LOG = LoggerFactory.getLogger(ManageStaffService.class);

    private final StaffRoles roles;
    private final AdminRoster configured;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final Clock clock;

    public ManageStaffService(StaffRoles roles, AdminRoster configured, EventLog events,
                              TransactionRunner transactions, Clock clock) {
        this.roles = Objects.requireNonNull(roles, "roles");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<StaffRole> roleOf(TelegramUserId userId) {
        if (configured.admins().contains(userId)) {
            return Optional.of(StaffRole.ADMIN);
        }
        return roles.roleOf(userId);
    }

    @Override
    public void seedConfiguredAdmins() {
        if (configured.admins().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        int changed = transactions.inTransaction(() -> {
            int rows = roles.seedAdmins(configured.admins(), now);
            if (rows > 0) {
                events.record(new EventLog.Event("staff.seeded", Optional.empty(),
                        Map.of("admins", Integer.toString(rows)), now));
            }
            return rows;
        });
        LOG.info("Configured admins: {} ({} newly stored)", configured.admins().size(), changed);
    }

    @Override
    public Change grant(TelegramUserId actor, TelegramUserId target, StaffRole role) {
        Objects.requireNonNull(role, "role");
        if (!may(actor, StaffAction.MANAGE_STAFF)) {
            return new Change.NotAllowed();
        }
        if (configured.admins().contains(target)) {
            return new Change.Configured();
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            Optional<StaffRole> previous = roles.roleOf(target);
            if (previous.equals(Optional.of(role))) {
                return new Change.Unchanged();
            }
            roles.grant(target, role, Optional.of(actor), now);
            events.record(new EventLog.Event("staff.granted", Optional.of(actor), Map.of(
                    "target", Long.toString(target.value()), "role", role.name(),
                    "previous", previous.map(Enum::name).orElse("NONE")), now));
            LOG.info("Operator {} granted {} to {}", actor, role, target);
            return new Change.Granted(role, previous);
        });
    }

    @Override
    public Change revoke(TelegramUserId actor, TelegramUserId target) {
        if (!may(actor, StaffAction.MANAGE_STAFF)) {
            return new Change.NotAllowed();
        }
        if (configured.admins().contains(target)) {
            return new Change.Configured();
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> roles.revoke(target).<Change>map(role -> {
            events.record(new EventLog.Event("staff.revoked", Optional.of(actor), Map.of(
                    "target", Long.toString(target.value()), "role", role.name()), now));
            LOG.info("Operator {} revoked {} from {}", actor, role, target);
            return new Change.Revoked(role);
        }).orElseGet(Change.Unchanged::new));
    }
}
