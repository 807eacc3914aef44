package io.mentorium.application.port.in;

import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffAction;
import io.mentorium.domain.staff.StaffRole;
import java.util.Optional;

/** Operators' rights: who has which, checking them, and an admin granting or revoking them. */
public interface ManageStaff {

    /** The person's role; the admins named in {@code ADMIN_TELEGRAM_IDS} are admins whatever the database says. */
    Optional<StaffRole> roleOf(TelegramUserId userId);

    default boolean may(TelegramUserId userId, StaffAction action) {
        return roleOf(userId).map(role -> role.may(action)).orElse(false);
    }

    /** Writes the configured admins into the database at start, so that the table lists every operator. */
    void seedConfiguredAdmins();

    Change grant(TelegramUserId actor, TelegramUserId target, StaffRole role);

    Change revoke(TelegramUserId actor, TelegramUserId target);

    sealed interface Change {

        record Granted(StaffRole role, Optional<StaffRole> previous) implements Change {
        }

        record Revoked(StaffRole role) implements Change {
        }

        /** The target already had exactly this role (grant) or none (revoke): nothing changed. */
        record Unchanged() implements Change {
        }

        /** The target is an admin through {@code ADMIN_TELEGRAM_IDS}: only the setting can change that. */
        record Configured() implements Change {
        }

        /** The actor is not an admin. */
        record NotAllowed() implements Change {
        }
    }
}
