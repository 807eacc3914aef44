package io.mentorium.application.service;

import io.mentorium.application.port.in.ChangeSettings;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.notification.NotificationPreferences;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a parent's change of language, notifications, quiet hours or reports. A change that leaves everything as it
 * was (a second tap on the same button) is answered as changed but not written (nor logged as an event).
 */
public final class ChangeSettingsService implements ChangeSettings {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeSettingsService.class);

    private final ParentRepository parents;
    private final TransactionRunner transactions;
    private final EventLog events;
    private final Clock clock;

    /** Without an event log: for hosts that embed the use case and keep no log. */
    public ChangeSettingsService(ParentRepository parents, TransactionRunner transactions) {
        this(parents, EventLog.DISCARD, transactions, Clock.systemUTC());
    }

    @Inject
    public ChangeSettingsService(ParentRepository parents, EventLog events, TransactionRunner transactions,
                                 Clock clock) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result change(TelegramUserId parentId, Change change) {
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(change, "change");
        // Read and write in one transaction, so that two quick taps on different toggles both stick.
        return transactions.inTransaction(() -> {
            Optional<Parent> found = parents.findById(parentId);
            if (found.isEmpty()) {
                return new Result.NotRegistered();
            }
            Parent parent = found.get();
            if (change instanceof Change.SwitchNotifications notifications && !notifications.enabled()
                    && !notifications.kind().canBeDisabled()) {
                return new Result.Refused(parent);
            }
            Language languageBefore = parent.language();
            NotificationPreferences preferencesBefore = parent.preferences();
            apply(parent, change);
            if (parent.language() != languageBefore || !parent.preferences().equals(preferencesBefore)) {
                parents.save(parent);
                events.record(EventLog.Event.by(parentId, "settings.changed", details(change), clock.instant()));
                LOG.info("Parent {} changed settings: {}", parentId, change);
            }
            return new Result.Changed(parent);
        });
    }

    private static Map<String, String> details(Change change) {
        return switch (change) {
            case Change.SwitchLanguage language -> Map.of("setting", "language",
                    "value", language.language().name().toLowerCase(Locale.ROOT));
            case Change.SwitchNotifications notifications -> Map.of("setting", "notifications",
                    "kind", notifications.kind().name().toLowerCase(Locale.ROOT),
                    "value", Boolean.toString(notifications.enabled()));
            case Change.SetQuietHours quietHours -> Map.of("setting", "quiet_hours",
                    "value", quietHours.hours().map(h -> h.start() + "-" + h.end()).orElse("off"));
            case Change.SwitchReport report -> Map.of("setting", "report",
                    "kind", report.report().name().toLowerCase(Locale.ROOT),
                    "value", Boolean.toString(report.enabled()));
        };
    }

    private static void apply(Parent parent, Change change) {
        NotificationPreferences preferences = parent.preferences();
        switch (change) {
            case Change.SwitchLanguage language -> parent.changeLanguage(language.language());
            case Change.SwitchNotifications notifications ->
                    parent.changePreferences(preferences.withKind(notifications.kind(), notifications.enabled()));
            case Change.SetQuietHours quietHours ->
                    parent.changePreferences(preferences.withQuietHours(quietHours.hours()));
            case Change.SwitchReport report ->
                    parent.changePreferences(preferences.withReport(report.report(), report.enabled()));
        }
    }
}
