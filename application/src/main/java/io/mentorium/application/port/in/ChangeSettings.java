package io.mentorium.application.port.in;

import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Objects;
import java.util.Optional;

/** A parent changes how the bot talks to them: language, notifications, quiet hours, reports. */
public interface ChangeSettings {

    Result change(TelegramUserId parentId, Change change);

    sealed interface Change {

        record SwitchLanguage(Language language) implements Change {

            public SwitchLanguage {
                Objects.requireNonNull(language, "language");
            }
        }

        record SwitchNotifications(NotificationKind kind, boolean enabled) implements Change {

            public SwitchNotifications {
                Objects.requireNonNull(kind, "kind");
            }
        }

        /** Empty: no quiet hours. */
        record SetQuietHours(Optional<QuietHours> hours) implements Change {

            public SetQuietHours {
                Objects.requireNonNull(hours, "hours");
            }
        }

        record SwitchReport(ReportKind report, boolean enabled) implements Change {

            public SwitchReport {
                Objects.requireNonNull(report, "report");
            }
        }
    }

    sealed interface Result {

        record Changed(Parent parent) implements Result {
        }

        /** The parent never registered. */
        record NotRegistered() implements Result {
        }

        /** The change is not allowed (system notifications cannot be switched off); nothing changed. */
        record Refused(Parent parent) implements Result {
        }
    }
}
