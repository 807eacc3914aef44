package io.mentorium.application.billing;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.port.in.ViewSubscription.State;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.Trials.Trial;
import io.mentorium.application.port.out.Trials;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import io.mentorium.domain.subscription.Subscription;
import io.mentorium.domain.subscription.SubscriptionTerms;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access gate: the domain's {@link Subscription} decides, and a free trial covers a family that has not paid yet.
 *
 * <p>The trial lives beside the subscription, not in it: it is no payment, it has no grace period, and paying during
 * it starts the paid period at once (the trial is a courtesy, like grace, never a debt the paid period must wait for).
 * A parent's trial is decided the first time the gate is asked about them after they have linked a child, so that a
 * parent who never linked anyone does not use up their family's trial; see {@link Trials} for what a family is.
 */
public final class SubscriptionFeatureAccess implements FeatureAccess {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionFeatureAccess.class);

    /** Where a parent stands at an instant; {@code until} as {@link io.mentorium.application.port.in.ViewSubscription.Overview} says. */
    public record Standing(State state, Optional<Instant> until) {

        public Standing {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(until, "until");
        }
    }

    private final SubscriptionRepository subscriptions;
    private final Trials trials;
    private final ParentRepository parents;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final SubscriptionTerms terms;
    private final Duration trialLength;

    public SubscriptionFeatureAccess(SubscriptionRepository subscriptions, Trials trials, ParentRepository parents,
                                     EventLog events, TransactionRunner transactions, CoreSettings settings,
                                     BillingSettings billing) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.trials = Objects.requireNonNull(trials, "trials");
        this.parents = Objects.requireNonNull(parents, "parents");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.terms = Objects.requireNonNull(settings, "settings").subscriptionTerms();
        this.trialLength = Duration.ofDays(Objects.requireNonNull(billing, "billing").trialDays());
    }

    @Override
    public AccessDecision decide(TelegramUserId parentId, Feature feature, Instant at) {
        if (!feature.paid()) {
            return new AccessDecision.Granted(Optional.empty());
        }
        AccessDecision paid = subscriptions.findFor(parentId).access(feature, at, terms);
        if (paid instanceof AccessDecision.Granted) {
            return paid;
        }
        Optional<Trial> trial = trial(parentId, at);
        if (trial.isPresent() && trial.get().covers(at)) {
            return new AccessDecision.Granted(Optional.of(trial.get().endsAt()));
        }
        return paid;
    }

    /**
     * Reads the subscriptions ahead, and the trials of those without a paid period at {@code at}: the decisions then
     * need no statement of their own, unless a trial is still to be decided.
     */
    @Override
    public void readAhead(Collection<TelegramUserId> parentIds, Feature feature, Instant at) {
        if (!feature.paid() || parentIds.isEmpty()) {
            return;
        }
        List<TelegramUserId> unpaid = new ArrayList<>();
        subscriptions.readAhead(parentIds).forEach((parentId, subscription) -> {
            if (!(subscription.access(feature, at, terms) instanceof AccessDecision.Granted)) {
                unpaid.add(parentId);
            }
        });
        if (!unpaid.isEmpty()) {
            trials.readAhead(unpaid);
        }
    }

    /**
     * Two queries for the whole page (subscriptions, then the trials of those without a paid period); only a parent
     * whose trial was never decided is decided one by one, since deciding writes.
     */
    @Override
    public Map<TelegramUserId, AccessDecision> decideAll(Collection<TelegramUserId> parentIds, Feature feature,
                                                         Instant at) {
        Map<TelegramUserId, AccessDecision> decisions = new LinkedHashMap<>();
        if (!feature.paid()) {
            parentIds.forEach(parentId -> decisions.put(parentId, new AccessDecision.Granted(Optional.empty())));
            return decisions;
        }
        Map<TelegramUserId, Subscription> found = subscriptions.findForAll(parentIds);
        List<TelegramUserId> unpaid = new ArrayList<>();
        for (TelegramUserId parentId : parentIds) {
            AccessDecision paid = found.getOrDefault(parentId, Subscription.none(parentId)).access(feature, at, terms);
            decisions.put(parentId, paid);
            if (!(paid instanceof AccessDecision.Granted)) {
                unpaid.add(parentId);
            }
        }
        if (unpaid.isEmpty()) {
            return decisions;
        }
        Map<TelegramUserId, Trial> decided = trials.findAll(unpaid);
        for (TelegramUserId parentId : unpaid) {
            Trial trial = decided.get(parentId);
            if (trial != null) {
                if (trial.covers(at)) {
                    decisions.put(parentId, new AccessDecision.Granted(Optional.of(trial.endsAt())));
                }
            } else if (!trialLength.isZero()) {
                decisions.put(parentId, decide(parentId, feature, at));
            }
        }
        return decisions;
    }

    /** The same decision, told as the subscription screen shows it. */
    public Standing standing(TelegramUserId parentId, Instant at) {
        Subscription subscription = subscriptions.findFor(parentId);
        AccessDecision paid = subscription.access(Feature.AI_ASSISTANT, at, terms);
        if (paid instanceof AccessDecision.Granted granted) {
            return new Standing(State.ACTIVE, granted.until());
        }
        Optional<Trial> trial = trial(parentId, at);
        if (trial.isPresent() && trial.get().covers(at)) {
            return new Standing(State.TRIAL, Optional.of(trial.get().endsAt()));
        }
        if (paid instanceof AccessDecision.GrantedInGrace grace) {
            return new Standing(State.GRACE, Optional.of(grace.graceEndsAt()));
        }
        Optional<Instant> paidEnd = subscription.paidUntil(terms).filter(end -> !end.isAfter(at));
        Optional<Instant> trialEnd = trial.filter(Trial::granted).map(Trial::endsAt).filter(end -> !end.isAfter(at));
        Optional<Instant> lapsed = paidEnd.isPresent() && trialEnd.isPresent()
                ? Optional.of(paidEnd.get().isAfter(trialEnd.get()) ? paidEnd.get() : trialEnd.get())
                : paidEnd.or(() -> trialEnd);
        return lapsed.map(end -> new Standing(State.EXPIRED, Optional.of(end)))
                .orElseGet(() -> new Standing(State.NEVER, Optional.empty()));
    }

    /** The parent's trial, deciding it now if they have linked a child and it was never decided. */
    private Optional<Trial> trial(TelegramUserId parentId, Instant at) {
        Optional<Trial> decided = trials.find(parentId);
        if (decided.isPresent() || trialLength.isZero()) {
            return decided;
        }
        Optional<Parent> parent = parents.findById(parentId);
        List<LearnerId> learners = parent.map(Parent::learnerIds).orElse(List.of());
        if (learners.isEmpty()) {
            return Optional.empty();
        }
        // Whole microseconds, as the database stores them: a start it rounded up past "now" would not cover now.
        Instant start = at.truncatedTo(ChronoUnit.MICROS);
        Trial trial = transactions.inTransaction(() -> {
            Trial claimed = trials.claim(parentId, learners, start, start.plus(trialLength));
            if (claimed.startsAt().equals(start)) {
                events.record(new EventLog.Event(claimed.granted() ? "trial.started" : "trial.refused",
                        Optional.of(parentId), Map.of("ends_at", claimed.endsAt().toString()), at));
            }
            return claimed;
        });
        LOG.info("Trial of parent {} decided: {}", parentId, trial.granted() ? "until " + trial.endsAt()
                : "none, the family had one");
        return Optional.of(trial);
    }
}
