package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.StaffRoles;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffRole;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Operators' roles in {@code bot.staff_roles}. */
public final class JdbiStaffRoles implements StaffRoles {

    private final Jdbi jdbi;

    public JdbiStaffRoles(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<StaffRole> roleOf(TelegramUserId userId) {
        Optional<String> role = Storage.call("load a staff role", () -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT role FROM bot.staff_roles WHERE telegram_user_id = :id")
                .bind("id", userId.value()).mapTo(String.class).findOne()));
        try {
            return role.map(StaffRole::valueOf);
        } catch (RuntimeException e) {
            throw Storage.corrupt("staff role", e);
        }
    }

    @Override
    public void grant(TelegramUserId userId, StaffRole role, Optional<TelegramUserId> grantedBy, Instant at) {
        Storage.run("grant a staff role", () -> jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO bot.staff_roles (telegram_user_id, role, granted_by, granted_at)
                        VALUES (:id, :role, :by, :at)
                        ON CONFLICT (telegram_user_id) DO UPDATE
                        SET role = EXCLUDED.role, granted_by = EXCLUDED.granted_by, granted_at = EXCLUDED.granted_at
                        """)
                .bind("id", userId.value()).bind("role", role.name())
                .bind("by", grantedBy.map(TelegramUserId::value).orElse(null)).bind("at", at).execute()));
    }

    @Override
    public Optional<StaffRole> revoke(TelegramUserId userId) {
        Optional<String> role = Storage.call("revoke a staff role", () -> jdbi.withHandle(handle -> handle
                .createQuery("DELETE FROM bot.staff_roles WHERE telegram_user_id = :id RETURNING role")
                .bind("id", userId.value()).mapTo(String.class).findOne()));
        return role.map(StaffRole::valueOf);
    }

    @Override
    public List<TelegramUserId> staff(int limit) {
        return Storage.call("list the staff", () -> jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT telegram_user_id FROM bot.staff_roles ORDER BY telegram_user_id LIMIT :limit")
                .bind("limit", limit).mapTo(Long.class).map(TelegramUserId::new).list()));
    }

    @Override
    public int seedAdmins(Set<TelegramUserId> admins, Instant at) {
        long[] ids = admins.stream().mapToLong(TelegramUserId::value).sorted().toArray();
        if (ids.length == 0) {
            return 0;
        }
        return Storage.call("seed the configured admins", () -> jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO bot.staff_roles (telegram_user_id, role, granted_by, granted_at)
                        SELECT id, 'ADMIN', NULL, :at FROM unnest(:ids) AS id
                        ON CONFLICT (telegram_user_id) DO UPDATE
                        SET role = 'ADMIN', granted_by = NULL, granted_at = EXCLUDED.granted_at
                        WHERE bot.staff_roles.role <> 'ADMIN'
                        """)
                .bind("ids", ids).bind("at", at).execute()));
    }
}
