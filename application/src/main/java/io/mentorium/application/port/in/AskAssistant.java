package io.mentorium.application.port.in;

import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * A parent asks the assistant something in their own words. Asking only records the question, in the caller's
 * transaction; the answer is worked out afterwards, outside any transaction and outside the chat's turn, and arrives
 * as its own message.
 */
public interface AskAssistant {

    Outcome ask(Parent parent, ChatId chatId, String question);

    /**
     * A hint, in the transaction that will then {@link #ask} for these parents: what asking reads (the access
     * decision, the questions of the last hour) may be read for all of them at once. Does nothing by default.
     */
    default void readAhead(Collection<TelegramUserId> parentIds) {
    }

    /** Forgets the parent's dialog so the next question starts afresh; answers how many messages were forgotten. */
    int startNewDialog(Parent parent);

    sealed interface Outcome {

        /**
         * Recorded; the answer follows. {@code graceEndsAt}: the subscription ended and access lasts until then (the
         * parent should be told).
         */
        record Queued(long questionId, Optional<Instant> graceEndsAt) implements Outcome {

            public Queued {
                Objects.requireNonNull(graceEndsAt, "graceEndsAt");
            }
        }

        /** Over the per-parent limit; asking again is possible after {@code retryIn}. */
        record RateLimited(int limit, Duration retryIn) implements Outcome {

            public RateLimited {
                Objects.requireNonNull(retryIn, "retryIn");
            }
        }

        /** A paid feature and no paid period: the paywall. */
        record Paywall(AccessDecision.Denied decision) implements Outcome {

            public Paywall {
                Objects.requireNonNull(decision, "decision");
            }
        }
    }
}
