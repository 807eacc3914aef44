package io.mentorium.domain.staff;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An operator's rights. Support answers parents' questions, so it may look (statistics, one parent's account with the
 * e-mail masked) and answer them in the bot; only an admin may change anything, send to everyone, move money or take data out in bulk.
 */
public enum StaffRole {
    ADMIN,
    SUPPORT;

    public boolean may(StaffAction action) {
        return switch (this) {
            case ADMIN -> true;
            case SUPPORT -> action == StaffAction.VIEW_STATISTICS || action == StaffAction.FIND_PARENT
                    || action == StaffAction.ANSWER_SUPPORT;
        };
    }

    /** {@code admin} or {@code support}, as typed after /grant. */
    public static Optional<StaffRole> fromToken(String token) {
        String wanted = token == null ? "" : token.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(role -> role.name().equals(wanted)).findFirst();
    }
}
