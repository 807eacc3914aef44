package io.mentorium.application.service;

import io.mentorium.application.port.in.RegisterParent;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers a parent on /start, or brings a known one up to date (language, chat, role). */
public final class RegisterParentService implements RegisterParent {

    private static final Logger LOG = LoggerFactory.getLogger(RegisterParentService.class);

    private final ParentRepository parents;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final AdminRoster roster;
    private final Clock clock;

    @Inject
    public RegisterParentService(ParentRepository parents, EventLog events, TransactionRunner transactions,
                                 AdminRoster roster, Clock clock) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result register(Command command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        ParentRole role = roster.roleOf(command.userId());
        // Read and write in one transaction so that a parent pressing /start twice in quick succession is either
        // registered or updated, never half of each.
        return transactions.inTransaction(() -> parents.findById(command.userId())
                .<Result>map(existing -> update(existing, command, role, now))
                .orElseGet(() -> registerNew(command, role, now)));
    }

    private Result registerNew(Command command, ParentRole role, Instant now) {
        Parent parent = Parent.register(command.userId(), command.chatId(), command.language(), role, now);
        parents.save(parent);
        events.record(new EventLog.Event("parent.registered", Optional.of(parent.id()),
                Map.of("language", parent.language().code(), "role", role.name()), now));
        LOG.info("Parent {} registered (language {}, role {})", parent.id(), parent.language().code(), role);
        return new Result.Registered(parent);
    }

    private Result update(Parent parent, Command command, ParentRole role, Instant now) {
        parent.changeLanguage(command.language());
        // Pressing /start is the parent writing to us: they are reachable again, possibly from another chat.
        parent.markReachable(command.chatId());
        ParentRole previousRole = parent.role();
        if (previousRole != role) {
            parent.changeRole(role);
            // Admin rights changing hands is something operators must be able to audit.
            events.record(new EventLog.Event("parent.role_changed", Optional.of(parent.id()),
                    Map.of("from", previousRole.name(), "to", role.name()), now));
            LOG.info("Parent {} role changed from {} to {}", parent.id(), previousRole, role);
        }
        parents.save(parent);
        return new Result.AlreadyRegistered(parent);
    }
}
