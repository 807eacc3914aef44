package io.mentorium.application.port.in;

import io.mentorium.application.port.out.Messenger.Outgoing;
import java.util.List;

/**
 * Handles one input at once, in its own transaction, and returns the replies to show instead of queueing them: for a
 * synchronous channel such as the console, where the person waits at the terminal and nothing needs to be paced.
 */
public interface AnswerDirectly {

    List<Outgoing> answer(ChatInput input);
}
