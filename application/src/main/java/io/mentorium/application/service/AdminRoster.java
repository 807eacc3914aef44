package io.mentorium.application.service;

import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Objects;
import java.util.Set;

/**
 * The Telegram users with admin rights ({@code ADMIN_TELEGRAM_IDS}). The roster, not the database, is the authority:
 * a registration brings the stored role in line with it, so removing an id from the setting takes the rights away the
 * next time that person presses /start.
 */
public record AdminRoster(Set<TelegramUserId> admins) {

    public AdminRoster {
        admins = Set.copyOf(Objects.requireNonNull(admins, "admins"));
    }

    public ParentRole roleOf(TelegramUserId userId) {
        return admins.contains(userId) ? ParentRole.ADMIN : ParentRole.PARENT;
    }
}
