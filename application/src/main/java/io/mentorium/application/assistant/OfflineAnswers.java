package io.mentorium.application.assistant;

import io.mentorium.application.port.out.AiAssistant.ToolBox;
import io.mentorium.domain.shared.Language;

/** Answers without a model, from the same tools: the assistant's floor when no model is configured or reachable. */
public interface OfflineAnswers {

    /** Plain text in the parent's language. */
    String answer(Language language, String question, ToolBox tools);

    /** One line saying that the answer comes from data without the AI model. */
    String label(Language language);

    /** One line saying that the AI model is unavailable right now. */
    String modelUnavailableNotice(Language language);
}
