package io.mentorium.domain.parent;

public enum ParentRole {
    PARENT,
    /** An operator: may use admin commands and exports. Granted through {@code ADMIN_TELEGRAM_IDS}. */
    ADMIN
}
