package io.mentorium.application.conversation;

import io.mentorium.application.port.in.ExportMyData;
import io.mentorium.application.port.in.ForgetParent;
import java.util.Objects;

/** A parent's rights over their data, offered in Settings. */
public record ConversationRights(ExportMyData myData, ForgetParent forget) {

    public ConversationRights {
        Objects.requireNonNull(myData, "myData");
        Objects.requireNonNull(forget, "forget");
    }
}
