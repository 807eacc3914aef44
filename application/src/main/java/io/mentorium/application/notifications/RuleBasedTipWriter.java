package io.mentorium.application.notifications;

import io.mentorium.application.conversation.NotificationText;
import io.mentorium.application.port.out.TipWriter;
import java.util.Objects;

/** The tip without a model: the rules' advice ({@code Tip}) in the bundle's words. Always writes. */
public final class RuleBasedTipWriter implements TipWriter {

    private final NotificationText text;

    public RuleBasedTipWriter(NotificationText text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    @Override
    public Draft write(TipRequest request) {
        return new Draft.Written(text.tipSentence(request.ruleTip(), request.language()));
    }
}
