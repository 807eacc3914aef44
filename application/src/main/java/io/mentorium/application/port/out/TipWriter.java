package io.mentorium.application.port.out;

import io.mentorium.domain.notification.Tip;
import io.mentorium.domain.notification.TipFigures;
import io.mentorium.domain.shared.Language;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the weekly tip a parent gets about one child: one to three concrete suggestions in the parent's language,
 * from the week's figures alone. The rule-based writer always writes; a model-backed one may decline (no key, a
 * failure, a timeout, the circuit open), and the application then sends the rule-based tip instead, so a declined tip
 * never costs the parent the notification.
 */
public interface TipWriter {

    /** Never throws: a writer that cannot write declines. */
    Draft write(TipRequest request);

    /**
     * True when a tip costs a remote call (a model): the daily run then asks only for tips not queued before and writes
     * several at once. False for a writer that composes from local texts.
     */
    default boolean remote() {
        return false;
    }

    /**
     * All a writer learns about the family: the child's first name and grade, the week and its figures — never a
     * surname, an e-mail, a Telegram id or a learner id.
     *
     * @param ruleTip the advice the rules chose from the same figures
     */
    record TipRequest(Language language, String firstName, Optional<String> grade, LocalDate weekStart, Tip ruleTip,
                      TipFigures figures) {

        public TipRequest {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(grade, "grade");
            Objects.requireNonNull(weekStart, "weekStart");
            Objects.requireNonNull(ruleTip, "ruleTip");
            Objects.requireNonNull(figures, "figures");
        }
    }

    sealed interface Draft {

        /** The tip as plain text (the application escapes it for Telegram). */
        record Written(String text) implements Draft {

            public Written {
                Objects.requireNonNull(text, "text");
            }
        }

        /** No tip from this writer; {@code detail} is safe to log (no prompt, no personal data). */
        record Declined(String detail) implements Draft {

            public Declined {
                Objects.requireNonNull(detail, "detail");
            }
        }
    }
}
