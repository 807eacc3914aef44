package io.mentorium.application.service;

import io.mentorium.application.port.in.UnlinkLearner;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.parent.Parent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes one child from one parent's list; the child's other parents keep their links. */
public final class UnlinkLearnerService implements UnlinkLearner {

    private static final Logger LOG = LoggerFactory.getLogger(UnlinkLearnerService.class);

    private final ParentRepository parents;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final Clock clock;

    @Inject
    public UnlinkLearnerService(ParentRepository parents, EventLog events, TransactionRunner transactions,
                                Clock clock) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result unlink(Command command) {
        Objects.requireNonNull(command, "command");
        return transactions.inTransaction(() -> {
            Optional<Parent> found = parents.findById(command.parentId());
            // A stale button or a second tap lands here: nothing to do, and nothing worth an event.
            if (found.isEmpty() || !found.get().unlink(command.learnerId())) {
                return new Result.NotLinked(command.learnerId());
            }
            Parent parent = found.get();
            parents.save(parent);
            events.record(new EventLog.Event("learner.unlinked", Optional.of(parent.id()),
                    Map.of("learner_id", command.learnerId().value()), clock.instant()));
            LOG.info("Parent {} unlinked learner {}", parent.id(), command.learnerId());
            return new Result.Unlinked(command.learnerId());
        });
    }
}
