package io.mentorium.application.testing;

import io.mentorium.application.port.out.StaffRoles;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffRole;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class InMemoryStaffRoles implements StaffRoles {

    private final Map<TelegramUserId, StaffRole> roles = new HashMap<>();

    @Override
    public synchronized Optional<StaffRole> roleOf(TelegramUserId userId) {
        return Optional.ofNullable(roles.get(userId));
    }

    @Override
    public synchronized void grant(TelegramUserId userId, StaffRole role, Optional<TelegramUserId> grantedBy,
                                   Instant at) {
        roles.put(userId, role);
    }

    @Override
    public synchronized Optional<StaffRole> revoke(TelegramUserId userId) {
        return Optional.ofNullable(roles.remove(userId));
    }

    @Override
    public synchronized List<TelegramUserId> staff(int limit) {
        return roles.keySet().stream().sorted(java.util.Comparator.comparingLong(TelegramUserId::value)).limit(limit)
                .toList();
    }

    @Override
    public synchronized int seedAdmins(Set<TelegramUserId> admins, Instant at) {
        int changed = 0;
        for (TelegramUserId admin : admins) {
            if (roles.put(admin, StaffRole.ADMIN) != StaffRole.ADMIN) {
                changed++;
            }
        }
        return changed;
    }
}
