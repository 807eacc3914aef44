package io.mentorium.application.service;

import io.mentorium.application.port.in.ChangeSettings;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.notification.NotificationPreferences;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a parent's change of language, notifications, quiet hours or reports. A change that leaves everything as it
 * was (a second tap on the same button) is answered as changed but not written.
 */
public final class ChangeSettingsService implements ChangeSettings {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeSettingsService.class);

    private final ParentRepository parents;
    private final TransactionRunner transactions;

    @Inject
    public ChangeSettingsService(ParentRepository parents, TransactionRunner transactions) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
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
                LOG.info("Parent {} changed settings: {}", parentId, change);
            }
            return new Result.Changed(parent);
        });
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
