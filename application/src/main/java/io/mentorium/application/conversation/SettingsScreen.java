package io.mentorium.application.conversation;

import io.mentorium.application.conversation.CallbackData.OpenSettings;
import io.mentorium.application.conversation.CallbackData.SetQuietHours;
import io.mentorium.application.conversation.CallbackData.SwitchLanguage;
import io.mentorium.application.conversation.CallbackData.SwitchNotification;
import io.mentorium.application.conversation.CallbackData.SwitchReport;
import io.mentorium.application.port.in.ChangeSettings;
import io.mentorium.application.port.in.ChangeSettings.Change;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.NotificationPreferences;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings menu: inline screens edited in place (language, notifications, quiet hours, reports), every change
 * through {@link ChangeSettings}, and typed quiet hours while that screen is open.
 */
final class SettingsScreen {

    private final ChangeSettings changeSettings;
    private final ConversationStore store;
    private final Messages messages;
    private final MainMenu menu;

    SettingsScreen(ChangeSettings changeSettings, ConversationStore store, Messages messages, MainMenu menu) {
        this.changeSettings = changeSettings;
        this.store = store;
        this.messages = messages;
        this.menu = menu;
    }

    private record View(String html, Keyboard.Inline buttons) {
    }

    List<Outgoing> show(Turn turn) {
        View view = view(SettingsSection.HOME, turn.parent());
        return List.of(new SendText(turn.chat(), view.html(), view.buttons()));
    }

    PressAnswer open(Turn turn, ChatInput.ButtonPress press, OpenSettings open) {
        if (open.section() == SettingsSection.QUIET_HOURS) {
            // While this screen is open, typed hours are read as quiet hours.
            store.save(turn.chat(), FlowState.of(Step.AWAIT_QUIET_HOURS).toConversation(turn.now()));
        } else {
            leaveQuietHours(turn);
        }
        View view = view(open.section(), turn.parent());
        return PressAnswer.of(Replies.editOrSend(press, view.html(), view.buttons()));
    }

    PressAnswer switchLanguage(Turn turn, ChatInput.ButtonPress press, SwitchLanguage switchTo) {
        return apply(turn, press, new Change.SwitchLanguage(switchTo.language()), SettingsSection.HOME, parent -> {
            Language language = parent.language();
            // The reply keyboard is re-sent so that its labels follow the new language.
            return List.of(new SendText(turn.chat(), messages.html(language, MessageKey.LANGUAGE_SWITCHED),
                    menu.keyboard(language)));
        });
    }

    PressAnswer switchNotification(Turn turn, ChatInput.ButtonPress press, SwitchNotification change) {
        return apply(turn, press, new Change.SwitchNotifications(change.kind(), change.enabled()),
                SettingsSection.NOTIFICATIONS, parent -> List.of());
    }

    PressAnswer setQuietHours(Turn turn, ChatInput.ButtonPress press, SetQuietHours change) {
        leaveQuietHours(turn);
        return apply(turn, press, new Change.SetQuietHours(change.hours()), SettingsSection.QUIET_HOURS,
                parent -> List.of());
    }

    PressAnswer switchReport(Turn turn, ChatInput.ButtonPress press, SwitchReport change) {
        return apply(turn, press, new Change.SwitchReport(change.report(), change.enabled()), SettingsSection.REPORTS,
                parent -> List.of());
    }

    /** Hours typed while the quiet-hours screen is open. */
    List<Outgoing> typedQuietHours(Turn turn, FlowState state, String text) {
        Language language = turn.language();
        Optional<QuietHours> hours = QuietHoursText.parse(text);
        if (hours.isEmpty()) {
            store.save(turn.chat(), state.toConversation(turn.now()));
            return List.of(new SendText(turn.chat(), messages.html(language, MessageKey.INVALID_QUIET_HOURS)));
        }
        store.clear(turn.chat());
        ChangeSettings.Result result = changeSettings.change(turn.parentId(), new Change.SetQuietHours(hours));
        if (!(result instanceof ChangeSettings.Result.Changed)) {
            return List.of(new SendText(turn.chat(), messages.html(language, MessageKey.USE_MENU),
                    menu.keyboard(language)));
        }
        return List.of(new SendText(turn.chat(), messages.html(language, MessageKey.QUIET_HOURS_SET,
                QuietHoursText.describe(messages, language, hours)), menu.keyboard(language)));
    }

    /** A sticker or photo while the quiet-hours screen is open. */
    List<Outgoing> unsupportedQuietHours(Turn turn, FlowState state) {
        store.save(turn.chat(), state.toConversation(turn.now()));
        return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.PLEASE_TYPE_QUIET_HOURS)));
    }

    private interface Followup {
        List<Outgoing> after(Parent changed);
    }

    private PressAnswer apply(Turn turn, ChatInput.ButtonPress press, Change change, SettingsSection section,
                              Followup followup) {
        ChangeSettings.Result result = changeSettings.change(turn.parentId(), change);
        return switch (result) {
            case ChangeSettings.Result.Changed changed -> {
                Parent parent = changed.parent();
                List<Outgoing> messagesOut = new ArrayList<>();
                View view = view(section, parent);
                messagesOut.add(Replies.editOrSend(press, view.html(), view.buttons()));
                messagesOut.addAll(followup.after(parent));
                yield new PressAnswer(Optional.of(messages.plain(parent.language(), MessageKey.SAVED)), messagesOut);
            }
            case ChangeSettings.Result.Refused refused ->
                    PressAnswer.notice(messages.plain(turn.language(), MessageKey.SYSTEM_ALWAYS_ON));
            case ChangeSettings.Result.NotRegistered notRegistered ->
                    PressAnswer.notice(messages.plain(turn.language(), MessageKey.STALE_BUTTON));
        };
    }

    private void leaveQuietHours(Turn turn) {
        if (turn.inStep(Step.AWAIT_QUIET_HOURS)) {
            store.clear(turn.chat());
        }
    }

    private View view(SettingsSection section, Parent parent) {
        Language language = parent.language();
        NotificationPreferences preferences = parent.preferences();
        return switch (section) {
            case HOME -> home(language, preferences);
            case LANGUAGE -> languages(language);
            case NOTIFICATIONS -> notifications(language, preferences);
            case QUIET_HOURS -> quietHours(language, preferences);
            case REPORTS -> reports(language, preferences);
        };
    }

    private View home(Language language, NotificationPreferences preferences) {
        String text = messages.html(language, MessageKey.SETTINGS_TITLE,
                messages.plain(language, MessageKey.LANGUAGE_NAME),
                QuietHoursText.describe(messages, language, preferences.quietHours()),
                messages.plain(language, reportsSummary(preferences)));
        return new View(text, new Keyboard.Inline(List.of(
                List.of(button(language, MessageKey.BUTTON_SETTINGS_LANGUAGE, SettingsSection.LANGUAGE),
                        button(language, MessageKey.BUTTON_SETTINGS_NOTIFICATIONS, SettingsSection.NOTIFICATIONS)),
                List.of(button(language, MessageKey.BUTTON_SETTINGS_QUIET_HOURS, SettingsSection.QUIET_HOURS),
                        button(language, MessageKey.BUTTON_SETTINGS_REPORTS, SettingsSection.REPORTS)),
                List.of(new Button(messages.plain(language, MessageKey.BUTTON_MY_DATA),
                                CallbackData.encode(new CallbackData.ExportMyData())),
                        new Button(messages.plain(language, MessageKey.BUTTON_FORGET_ME),
                                CallbackData.encode(new CallbackData.AskForget()))))));
    }

    private View languages(Language current) {
        List<Button> choices = new ArrayList<>();
        for (Language language : Language.values()) {
            String name = messages.plain(language, MessageKey.LANGUAGE_NAME);
            choices.add(new Button(selected(current, language == current, name),
                    CallbackData.encode(new SwitchLanguage(language))));
        }
        return new View(messages.html(current, MessageKey.SETTINGS_LANGUAGE),
                new Keyboard.Inline(List.of(choices, List.of(back(current)))));
    }

    private View notifications(Language language, NotificationPreferences preferences) {
        List<List<Button>> rows = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            String name = messages.plain(language, notificationLabel(kind));
            boolean enabled = preferences.isEnabled(kind);
            MessageKey toggle = !kind.canBeDisabled() ? MessageKey.TOGGLE_LOCKED
                    : enabled ? MessageKey.TOGGLE_ON : MessageKey.TOGGLE_OFF;
            rows.add(List.of(new Button(messages.plain(language, toggle, name),
                    CallbackData.encode(new SwitchNotification(kind, !enabled)))));
        }
        rows.add(List.of(back(language)));
        return new View(messages.html(language, MessageKey.SETTINGS_NOTIFICATIONS), new Keyboard.Inline(rows));
    }

    private View quietHours(Language language, NotificationPreferences preferences) {
        Optional<QuietHours> current = preferences.quietHours();
        List<Button> options = new ArrayList<>();
        options.add(new Button(selected(language, current.isEmpty(),
                messages.plain(language, MessageKey.BUTTON_QUIET_HOURS_OFF)),
                CallbackData.encode(new SetQuietHours(Optional.empty()))));
        for (QuietHours preset : QuietHoursText.PRESETS) {
            options.add(new Button(selected(language, current.equals(Optional.of(preset)),
                    QuietHoursText.describe(messages, language, Optional.of(preset))),
                    CallbackData.encode(new SetQuietHours(Optional.of(preset)))));
        }
        List<List<Button>> rows = new ArrayList<>();
        for (int i = 0; i < options.size(); i += 2) {
            rows.add(options.subList(i, Math.min(i + 2, options.size())));
        }
        rows.add(List.of(back(language)));
        String text = messages.html(language, MessageKey.SETTINGS_QUIET_HOURS,
                QuietHoursText.describe(messages, language, current));
        return new View(text, new Keyboard.Inline(rows));
    }

    private View reports(Language language, NotificationPreferences preferences) {
        List<List<Button>> rows = new ArrayList<>();
        for (ReportKind report : ReportKind.values()) {
            boolean enabled = preferences.receives(report);
            MessageKey label = report == ReportKind.WEEKLY
                    ? MessageKey.BUTTON_REPORT_WEEKLY
                    : MessageKey.BUTTON_REPORT_MONTHLY;
            rows.add(List.of(new Button(messages.plain(language, enabled ? MessageKey.TOGGLE_ON : MessageKey.TOGGLE_OFF,
                    messages.plain(language, label)), CallbackData.encode(new SwitchReport(report, !enabled)))));
        }
        rows.add(List.of(back(language)));
        return new View(messages.html(language, MessageKey.SETTINGS_REPORTS), new Keyboard.Inline(rows));
    }

    private String selected(Language language, boolean isSelected, String label) {
        return isSelected ? messages.plain(language, MessageKey.BUTTON_SELECTED, label) : label;
    }

    private Button button(Language language, MessageKey label, SettingsSection section) {
        return new Button(messages.plain(language, label), CallbackData.encode(new OpenSettings(section)));
    }

    private Button back(Language language) {
        return new Button(messages.plain(language, MessageKey.BUTTON_BACK),
                CallbackData.encode(new OpenSettings(SettingsSection.HOME)));
    }

    private static MessageKey reportsSummary(NotificationPreferences preferences) {
        boolean weekly = preferences.receives(ReportKind.WEEKLY);
        boolean monthly = preferences.receives(ReportKind.MONTHLY);
        if (weekly && monthly) {
            return MessageKey.REPORTS_BOTH;
        }
        if (weekly) {
            return MessageKey.REPORTS_WEEKLY_ONLY;
        }
        return monthly ? MessageKey.REPORTS_MONTHLY_ONLY : MessageKey.REPORTS_NONE;
    }

    static MessageKey notificationLabel(NotificationKind kind) {
        return switch (kind) {
            case ACHIEVEMENT -> MessageKey.NOTIFICATION_ACHIEVEMENT;
            case MISSED_DAYS -> MessageKey.NOTIFICATION_MISSED_DAYS;
            case RECOMMENDATION -> MessageKey.NOTIFICATION_RECOMMENDATION;
            case REMINDER -> MessageKey.NOTIFICATION_REMINDER;
            case SYSTEM -> MessageKey.NOTIFICATION_SYSTEM;
        };
    }
}
