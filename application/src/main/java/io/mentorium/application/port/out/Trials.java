package io.mentorium.application.port.out;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Free trials, once per family. A family is every parent linked to one of the same learners: a trial claims the
 * learners its parent had linked when it was decided, and a learner already claimed makes the next parent's trial a
 * refused one. Both outcomes are stored, so the decision is made once per parent and never again.
 */
public interface Trials {

    /** The parent's trial as decided before (granted or refused); empty when it was never decided. */
    Optional<Trial> find(TelegramUserId parentId);

    /** The decided trials of many parents at once; parents whose trial was never decided are not keys. */
    default Map<TelegramUserId, Trial> findAll(Collection<TelegramUserId> parentIds) {
        Map<TelegramUserId, Trial> found = new LinkedHashMap<>();
        parentIds.forEach(parentId -> find(parentId).ifPresent(trial -> found.put(parentId, trial)));
        return found;
    }

    /**
     * A hint: these parents' trials are about to be {@link #find found} in the transaction under way (see
     * {@link SubscriptionRepository#readAhead}). Does nothing by default.
     */
    default void readAhead(Collection<TelegramUserId> parentIds) {
    }

    /**
     * Decides the parent's trial: granted as {@code [start, end)} unless one of {@code learners} was claimed by another
     * family's trial, refused (stored with {@code end == start}) otherwise. Atomic, joining the caller's transaction;
     * when the parent's trial was decided before (also by a concurrent call) that decision is answered unchanged.
     */
    Trial claim(TelegramUserId parentId, Collection<LearnerId> learners, Instant start, Instant end);

    /**
     * Adds a learner the parent linked after their trial was decided to that trial's family, so that another parent
     * linked only to this learner cannot start a second trial for the same family. Nothing happens when the parent's
     * trial was never decided (the claim will include the learner) or another family's trial claimed the learner
     * first. Joins the caller's transaction.
     *
     * @return whether the learner joined the parent's family now
     */
    boolean adopt(TelegramUserId parentId, LearnerId learnerId);

    /** A parent's trial; a refused one has {@code endsAt == startsAt} and covers nothing. */
    record Trial(TelegramUserId parentId, Instant startsAt, Instant endsAt) {

        public Trial {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(startsAt, "startsAt");
            Objects.requireNonNull(endsAt, "endsAt");
            if (endsAt.isBefore(startsAt)) {
                throw new IllegalArgumentException("a trial cannot end before it starts");
            }
        }

        public boolean granted() {
            return endsAt.isAfter(startsAt);
        }

        public boolean covers(Instant instant) {
            return !instant.isBefore(startsAt) && instant.isBefore(endsAt);
        }
    }
}
