package io.mentorium.domain.dialog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Which past turns fit into a prompt. */
public final class DialogHistory {

    private DialogHistory() {
    }

    /**
     * The most recent messages whose tokens add up to at most {@code budget}, oldest first. Stops at the first message
     * that does not fit, so the history stays a contiguous tail: a gap would let the model misread the conversation.
     *
     * @param messages oldest first
     */
    public static List<DialogMessage> fitting(List<DialogMessage> messages, int budget) {
        List<DialogMessage> kept = new ArrayList<>();
        int used = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            DialogMessage message = messages.get(i);
            if (used + message.tokenCount() > budget) {
                break;
            }
            used += message.tokenCount();
            kept.add(message);
        }
        Collections.reverse(kept);
        return kept;
    }
}
