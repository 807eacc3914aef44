package io.mentorium.application.admin;

import io.mentorium.application.port.in.FindParent;
import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.in.ViewSubscription;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.parent.LearnerLink;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffAction;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /find}: a parent by Telegram id or by a guardian e-mail they linked a child through. The e-mail typed is only
 * compared, never stored or logged: the event log gets it masked.
 */
public final class FindParentService implements FindParent {

    /** An e-mail shared by more parents than this is not a family: show the first ones. */
    static final int MAX_PARENTS = 5;

    private final ManageStaff staff;
    private final ParentRepository parents;
    private final OperatorQueries queries;
    private final ViewSubscription subscriptions;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final Clock clock;

    public FindParentService(ManageStaff staff, ParentRepository parents, OperatorQueries queries,
                             ViewSubscription subscriptions, EventLog events, TransactionRunner transactions,
                             Clock clock) {
        this.staff = Objects.requireNonNull(staff, "staff");
        this.parents = Objects.requireNonNull(parents, "parents");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome find(TelegramUserId actor, String query) {
        if (!staff.may(actor, StaffAction.FIND_PARENT)) {
            return new Outcome.NotAllowed();
        }
        String typed = query == null ? "" : query.strip();
        Instant now = clock.instant();
        Optional<List<TelegramUserId>> ids;
        String logged;
        if (typed.matches("\\d{1,18}") && Long.parseLong(typed) > 0) {
            ids = Optional.of(List.of(new TelegramUserId(Long.parseLong(typed))));
            logged = typed;
        } else {
            Optional<Email> email = Email.parse(typed);
            ids = email.map(address -> queries.parentsLinkedVia(address, MAX_PARENTS));
            logged = email.map(Email::masked).orElse("");
        }
        if (ids.isEmpty()) {
            return new Outcome.BadQuery();
        }
        List<Found> found = new ArrayList<>();
        for (TelegramUserId id : ids.get()) {
            parents.findById(id).ifPresent(parent -> found.add(new Found(id, parent, maskedEmails(parent),
                    subscriptions.view(id, now), staff.roleOf(id))));
        }
        transactions.inTransaction(() -> events.record(new EventLog.Event("admin.parent_looked_up",
                Optional.of(actor), Map.of("query", logged, "found", Integer.toString(found.size())), now)));
        return found.isEmpty() ? new Outcome.NotFound() : new Outcome.Parents(found);
    }

    private static List<String> maskedEmails(Parent parent) {
        return parent.links().stream().map(LearnerLink::viaEmail).map(Email::masked).distinct().toList();
    }
}
