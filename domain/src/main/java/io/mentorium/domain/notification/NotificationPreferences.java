package io.mentorium.domain.notification;

import io.mentorium.domain.report.ReportKind;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a parent chose to receive. Immutable: every change returns new preferences.
 *
 * @param enabledKinds notification kinds the parent receives; {@link NotificationKind#SYSTEM} is always included
 * @param quietHours   absent when the parent accepts messages at any hour
 * @param reports      which scheduled reports the parent receives
 */
public record NotificationPreferences(Set<NotificationKind> enabledKinds, Optional<QuietHours> quietHours,
                                      Set<ReportKind> reports) {

    public NotificationPreferences {
        Objects.requireNonNull(enabledKinds, "enabledKinds");
        Objects.requireNonNull(quietHours, "quietHours");
        Objects.requireNonNull(reports, "reports");
        EnumSet<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        kinds.addAll(enabledKinds);
        kinds.add(NotificationKind.SYSTEM);
        enabledKinds = Set.copyOf(kinds);
        reports = Set.copyOf(reports);
    }

    /** What a new parent gets: everything on, quiet from 22:00 to 08:00, weekly and monthly reports. */
    public static NotificationPreferences defaults() {
        return new NotificationPreferences(EnumSet.allOf(NotificationKind.class), Optional.of(QuietHours.DEFAULT),
                EnumSet.allOf(ReportKind.class));
    }

    public boolean isEnabled(NotificationKind kind) {
        return enabledKinds.contains(kind);
    }

    public boolean receives(ReportKind report) {
        return reports.contains(report);
    }

    public NotificationPreferences withKind(NotificationKind kind, boolean enabled) {
        if (!enabled && !kind.canBeDisabled()) {
            throw new IllegalArgumentException(kind + " notifications cannot be switched off");
        }
        EnumSet<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        kinds.addAll(enabledKinds);
        if (enabled) {
            kinds.add(kind);
        } else {
            kinds.remove(kind);
        }
        return new NotificationPreferences(kinds, quietHours, reports);
    }

    public NotificationPreferences withQuietHours(Optional<QuietHours> hours) {
        return new NotificationPreferences(enabledKinds, hours, reports);
    }

    public NotificationPreferences withReport(ReportKind report, boolean enabled) {
        EnumSet<ReportKind> chosen = EnumSet.noneOf(ReportKind.class);
        chosen.addAll(reports);
        if (enabled) {
            chosen.add(report);
        } else {
            chosen.remove(report);
        }
        return new NotificationPreferences(enabledKinds, quietHours, chosen);
    }
}
