package io.mentorium.domain.subscription;

import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parent's subscription: the plans they paid for and what follows from them at any instant. The paid periods are
 * derived from the grants, never stored, so a refund or a late duplicate callback cannot leave them inconsistent.
 *
 * <p>Renewing early stacks: a grant paid while a period is still running starts when the running period ends. A grant
 * paid after the periods ended (in grace or later) starts at payment: grace days are a courtesy, not debt.
 */
public final class Subscription {

    private final TelegramUserId parentId;
    private final List<Grant> grants;

    private Subscription(TelegramUserId parentId, List<Grant> grants) {
        this.parentId = Objects.requireNonNull(parentId, "parentId");
        this.grants = new ArrayList<>(grants);
        this.grants.sort(Comparator.comparing(Grant::paidAt).thenComparing(grant -> grant.paymentId().value()));
    }

    public static Subscription none(TelegramUserId parentId) {
        return new Subscription(parentId, List.of());
    }

    /** Rebuilds a subscription from its stored grants. */
    public static Subscription of(TelegramUserId parentId, List<Grant> grants) {
        long distinct = grants.stream().map(Grant::paymentId).distinct().count();
        if (distinct != grants.size()) {
            throw new IllegalArgumentException("a payment can grant a plan only once");
        }
        return new Subscription(parentId, grants);
    }

    public TelegramUserId parentId() {
        return parentId;
    }

    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    /**
     * Adds what a payment bought. Idempotent: the same payment granted twice changes nothing and answers false, so a
     * provider's repeated callback cannot buy two periods.
     */
    public boolean grant(Grant grant) {
        if (hasGrant(grant.paymentId())) {
            return false;
        }
        grants.add(grant);
        grants.sort(Comparator.comparing(Grant::paidAt).thenComparing(g -> g.paymentId().value()));
        return true;
    }

    /** Takes back what a refunded payment bought; later stacked periods move earlier accordingly. */
    public boolean revoke(PaymentId paymentId) {
        return grants.removeIf(grant -> grant.paymentId().equals(paymentId));
    }

    public boolean hasGrant(PaymentId paymentId) {
        return grants.stream().anyMatch(grant -> grant.paymentId().equals(paymentId));
    }

    public List<PaidPeriod> periods(SubscriptionTerms terms) {
        List<PaidPeriod> periods = new ArrayList<>();
        Instant runningEnd = null;
        for (Grant grant : grants) {
            Instant start = runningEnd != null && runningEnd.isAfter(grant.paidAt()) ? runningEnd : grant.paidAt();
            Instant end = grant.plan().endOfPeriodFrom(start, terms.zone());
            periods.add(new PaidPeriod(grant, start, end));
            runningEnd = end;
        }
        return periods;
    }

    /** The end of the last paid period, or empty if nothing was ever paid. */
    public Optional<Instant> paidUntil(SubscriptionTerms terms) {
        List<PaidPeriod> periods = periods(terms);
        return periods.isEmpty() ? Optional.empty() : Optional.of(periods.getLast().end());
    }

    public SubscriptionStatus statusAt(Instant instant, SubscriptionTerms terms) {
        for (PaidPeriod period : periods(terms)) {
            if (period.covers(instant)) {
                return SubscriptionStatus.ACTIVE;
            }
        }
        Optional<Instant> lastEnd = lastEndBefore(instant, terms);
        if (lastEnd.isPresent() && instant.isBefore(lastEnd.get().plus(terms.grace()))) {
            return SubscriptionStatus.GRACE;
        }
        return SubscriptionStatus.EXPIRED;
    }

    public AccessDecision access(Feature feature, Instant instant, SubscriptionTerms terms) {
        if (!feature.paid()) {
            return new AccessDecision.Granted(Optional.empty());
        }
        return switch (statusAt(instant, terms)) {
            case ACTIVE -> new AccessDecision.Granted(Optional.of(endOfRunCovering(instant, terms)));
            case GRACE -> new AccessDecision.GrantedInGrace(lastEndBefore(instant, terms).orElseThrow().plus(terms.grace()));
            case EXPIRED -> new AccessDecision.Denied(feature, lastEndBefore(instant, terms));
        };
    }

    /**
     * The end of the uninterrupted run of paid periods covering {@code instant}: stacked periods extend it, a period
     * bought after a lapse does not.
     */
    private Instant endOfRunCovering(Instant instant, SubscriptionTerms terms) {
        Instant end = null;
        for (PaidPeriod period : periods(terms)) {
            if (end == null) {
                if (period.covers(instant)) {
                    end = period.end();
                }
            } else if (period.start().isAfter(end)) {
                break;
            } else {
                end = period.end();
            }
        }
        return Objects.requireNonNull(end, "no paid period covers " + instant);
    }

    private Optional<Instant> lastEndBefore(Instant instant, SubscriptionTerms terms) {
        return periods(terms).stream()
                .map(PaidPeriod::end)
                .filter(end -> !end.isAfter(instant))
                .max(Comparator.naturalOrder());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Subscription that && parentId.equals(that.parentId) && grants.equals(that.grants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parentId, grants);
    }

    @Override
    public String toString() {
        return "Subscription[parent=" + parentId + ", grants=" + grants.size() + "]";
    }
}
