package io.mentorium.application.port.in;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.Report;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A learner's weekly or monthly report, for a parent linked to them. */
public interface BuildReport {

    Outcome build(Query query);

    /** Reports for each of the parent's children, read with one query for all of them; in link order. */
    List<Outcome> buildForChildren(TelegramUserId parentId, ReportKind kind, Optional<LocalDate> day);

    /**
     * The reports of the period that had ended last at {@code now}, each in its own learner's time zone, for many
     * learners at once (a page of a scheduled run): one learner query, one activity query and one enrollment query
     * whatever their number. The caller has checked who is linked to whom; the answer holds every id asked for, with
     * {@link Outcome.Built} or {@link Outcome.LearnerUnavailable}.
     */
    Map<LearnerId, Outcome> buildLastCompleted(Collection<LearnerId> learnerIds, ReportKind kind, Instant now);

    /**
     * @param day any day of the wanted period, in the learner's time zone; empty for the period running now
     */
    record Query(TelegramUserId parentId, LearnerId learnerId, ReportKind kind, Optional<LocalDate> day) {

        public Query {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(learnerId, "learnerId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(day, "day");
        }
    }

    sealed interface Outcome {

        record Built(Report report) implements Outcome {
        }

        /** The parent is not linked to this learner: no report, whoever asks. */
        record NotLinked(LearnerId learnerId) implements Outcome {
        }

        /** Linked, but the platform no longer has the learner (or deactivated them). */
        record LearnerUnavailable(LearnerId learnerId) implements Outcome {
        }

        /** The requested period has not started yet for the learner. */
        record PeriodNotStarted(LearnerId learnerId) implements Outcome {
        }
    }
}
