package io.mentorium.application.port.in;

import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.util.Objects;

/**
 * A parent links a child's learner account: they give a guardian e-mail the platform holds and a link code the
 * platform showed the family, confirm the child found, and the link is made.
 *
 * <p>An unknown e-mail and a wrong code get the same answer ({@link CodeCheck.Rejected}), so nobody can learn which
 * e-mails the platform knows. Five rejected codes within an hour lock the parent out; ten within an hour typed with one
 * guardian e-mail, from any accounts, lock the e-mail out (known to the platform or not, with the same
 * {@link CodeCheck.LockedOut}).
 */
public interface LinkLearner {

    /** Checks the code and names the child it belongs to, without linking. Rejections count towards the lockout. */
    CodeCheck check(Request request);

    /** Checks the code again (nothing from an earlier check is trusted) and links the child. */
    CodeCheck link(Request request);

    /** @param code as typed; surrounding spaces and letter case do not matter */
    record Request(TelegramUserId parentId, Email email, String code) {

        public Request {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(code, "code");
        }

        /** Anything longer than any code cannot match: rejected without a database round trip. */
        public boolean plausibleCode() {
            String trimmed = code.strip();
            return !trimmed.isEmpty() && trimmed.length() <= LinkCode.MAX_LENGTH;
        }
    }

    sealed interface CodeCheck {

        /** {@link #check}: the code is right, ask the parent to confirm this child. */
        record CodeAccepted(Learner learner) implements CodeCheck {
        }

        /** {@link #link}: linked. */
        record Linked(Learner learner) implements CodeCheck {
        }

        /** The same answer for an unknown e-mail, a wrong code, and another family's code. */
        record Rejected(int attemptsLeft) implements CodeCheck {
        }

        /**
         * Too many rejected codes, by this parent or with this e-mail; the parent may try again after
         * {@code retryAfter}. One answer for both, so it tells nothing about the e-mail.
         */
        record LockedOut(Duration retryAfter) implements CodeCheck {
        }

        /** The code is right but expired: the family must ask the platform for a new one. */
        record Expired() implements CodeCheck {
        }

        /**
         * The code is right, but the platform has deactivated the learner's account: nothing to link until it is active
         * again. Only a right e-mail and code get this answer, so it tells a guesser nothing.
         */
        record Inactive() implements CodeCheck {
        }

        /** The parent has linked this child already. */
        record AlreadyLinked(Learner learner) implements CodeCheck {
        }

        /**
         * The parent has as many children linked as allowed. {@link #check} answers it too, but only for a code that is
         * right: a wrong code is {@link Rejected} whoever types it.
         */
        record TooManyChildren(int limit) implements CodeCheck {
        }

        /** The parent never registered (pressed /start); the caller should start there. */
        record NotRegistered() implements CodeCheck {
        }
    }
}
