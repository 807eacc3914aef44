package io.mentorium.application.port.out;

import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffRole;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is an operator, as kept in the bot's database. A person need not have pressed /start to be granted a role: the
 * role waits for them.
 */
public interface StaffRoles {

    Optional<StaffRole> roleOf(TelegramUserId userId);

    /** Sets the role, replacing any other. */
    void grant(TelegramUserId userId, StaffRole role, Optional<TelegramUserId> grantedBy, Instant at);

    /** @return the role taken away, empty when the person had none */
    Optional<StaffRole> revoke(TelegramUserId userId);

    /** Everyone with a role (the configured admins are stored at start), in id order, at most {@code limit}. */
    List<TelegramUserId> staff(int limit);

    /** Makes each of these people an admin (whatever role they had); returns how many rows changed. */
    int seedAdmins(Set<TelegramUserId> admins, Instant at);
}
