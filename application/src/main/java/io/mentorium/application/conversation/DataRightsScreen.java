package io.mentorium.application.conversation;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ExportMyData;
import io.mentorium.application.port.in.ForgetParent;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendDocument;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.shared.Language;
import java.util.List;

/** Settings' "My data" (a file) and "Forget me" (a warning, then erasure on the confirming button). */
final class DataRightsScreen {

    private final ConversationRights rights;
    private final Messages messages;

    DataRightsScreen(ConversationRights rights, Messages messages) {
        this.rights = rights;
        this.messages = messages;
    }

    PressAnswer export(Turn turn) {
        Language language = turn.language();
        return switch (rights.myData().export(turn.parentId())) {
            case ExportMyData.Outcome.Ready ready -> PressAnswer.of(new SendDocument(turn.chat(), ready.fileName(),
                    ready.content(), messages.html(language, MessageKey.MY_DATA_CAPTION)));
            case ExportMyData.Outcome.TooLarge tooLarge ->
                    PressAnswer.of(new SendText(turn.chat(), messages.html(language, MessageKey.MY_DATA_TOO_LARGE)));
            case ExportMyData.Outcome.NotRegistered notRegistered ->
                    PressAnswer.notice(messages.plain(language, MessageKey.STALE_BUTTON));
        };
    }

    PressAnswer ask(Turn turn, ChatInput.ButtonPress press) {
        Language language = turn.language();
        Keyboard.Inline buttons = new Keyboard.Inline(List.of(
                List.of(new Button(messages.plain(language, MessageKey.BUTTON_FORGET_YES),
                        CallbackData.encode(new CallbackData.ConfirmForget()))),
                List.of(new Button(messages.plain(language, MessageKey.BUTTON_CANCEL),
                        CallbackData.encode(new CallbackData.OpenSettings(SettingsSection.HOME))))));
        return PressAnswer.of(Replies.editOrSend(press, messages.html(language, MessageKey.FORGET_CONFIRM), buttons));
    }

    PressAnswer confirm(Turn turn, ChatInput.ButtonPress press) {
        Language language = turn.language();
        return switch (rights.forget().forget(turn.parentId())) {
            case ForgetParent.Outcome.Forgotten forgotten -> PressAnswer.of(
                    Replies.editOrSend(press, messages.html(language, MessageKey.FORGOTTEN), Keyboard.Inline.NONE),
                    // The menu keys would lead nowhere now.
                    new SendText(turn.chat(), messages.html(language, MessageKey.FORGOTTEN),
                            new Keyboard.RemoveReply()));
            case ForgetParent.Outcome.NotRegistered notRegistered ->
                    PressAnswer.notice(messages.plain(language, MessageKey.STALE_BUTTON));
        };
    }
}
