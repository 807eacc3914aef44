package io.mentorium.application.port.out;

import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.shared.Language;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Answers a parent's question about their children's learning. */
public interface AiAssistant {

    /**
     * @param partialText receives the answer as it grows, for streaming to the chat
     */
    Answer answer(Question question, Consumer<String> partialText);

    /**
     * @param context facts about the parent's children the answer must be grounded in
     * @param history earlier turns that fit the prompt budget, oldest first
     */
    record Question(Language language, String text, String context, List<DialogMessage> history) {

        public Question {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(context, "context");
            history = List.copyOf(history);
        }
    }

    record Answer(String text, int promptTokens, int completionTokens) {

        public Answer {
            Objects.requireNonNull(text, "text");
        }
    }
}
