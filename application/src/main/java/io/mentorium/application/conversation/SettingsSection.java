package io.mentorium.application.conversation;

import java.util.Arrays;
import java.util.Optional;

/** The screens of the settings menu, with their token in callback data. */
public enum SettingsSection {
    HOME("home"),
    LANGUAGE("lang"),
    NOTIFICATIONS("notif"),
    QUIET_HOURS("quiet"),
    REPORTS("reports");

    private final String token;

    SettingsSection(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    static Optional<SettingsSection> fromToken(String token) {
        return Arrays.stream(values()).filter(section -> section.token.equals(token)).findFirst();
    }
}
