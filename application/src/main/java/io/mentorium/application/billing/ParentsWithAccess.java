package io.mentorium.application.billing;

import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Narrows a page of parents to those a paid feature is open to, with one access decision for the whole page. */
public final class ParentsWithAccess {

    private ParentsWithAccess() {
    }

    /** A parent the feature is open to, with the decision that opens it (in grace, say, to tell them so). */
    public record Granted(Parent parent, AccessDecision decision) {

        public Granted {
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** The candidates {@code feature} is granted to at {@code at} (in grace too), in their order. */
    public static List<Granted> among(FeatureAccess access, List<Parent> candidates, Feature feature, Instant at) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<TelegramUserId, AccessDecision> decisions = access.decideAll(
                candidates.stream().map(Parent::id).toList(), feature, at);
        return candidates.stream()
                .filter(parent -> !(decisions.get(parent.id()) instanceof AccessDecision.Denied))
                .map(parent -> new Granted(parent, decisions.get(parent.id())))
                .toList();
    }
}
