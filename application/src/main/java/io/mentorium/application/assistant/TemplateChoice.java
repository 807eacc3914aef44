package io.mentorium.application.assistant;

import io.mentorium.application.assistant.PromptTemplates.Template;

/** Which system prompt fits a question that continues a dialog: advice gets the recommendations template. */
final class TemplateChoice {

    private TemplateChoice() {
    }

    static Template forQuestion(String question) {
        if (!Intents.mayAskAdvice(question)) {
            return Template.PROGRESS;
        }
        return switch (Intents.recognize(question).intent()) {
            case RECOMMENDATIONS, WEAKEST_SUBJECT -> Template.RECOMMENDATIONS;
            default -> Template.PROGRESS;
        };
    }
}
