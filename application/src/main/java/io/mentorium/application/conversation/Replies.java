package io.mentorium.application.conversation;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.out.Messenger.EditText;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;

/** Small helpers for composing replies. */
final class Replies {

    private Replies() {
    }

    /**
     * Replaces the pressed message in place, so that a menu does not scroll away; a message Telegram no longer lets us
     * reach (id 0) gets a new one instead.
     */
    static Outgoing editOrSend(ChatInput.ButtonPress press, String text, Keyboard.Inline buttons) {
        if (press.messageId() > 0) {
            return new EditText(press.sender().chatId(), press.messageId(), text, buttons);
        }
        return new SendText(press.sender().chatId(), text, buttons);
    }

    /** Cuts text from a user or the platform to {@code max} characters before it is escaped. */
    static String shorten(String raw, int max) {
        String stripped = raw.strip();
        if (stripped.length() <= max) {
            return stripped;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(stripped.charAt(end - 1))) {
            end--;
        }
        return stripped.substring(0, end) + "…";
    }
}
