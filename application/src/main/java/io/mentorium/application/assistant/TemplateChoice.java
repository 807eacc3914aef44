package io.mentorium.application.assistant;

import io.mentorium.application.assistant.PromptTemplates.Template;

/** Which system prompt fits a question that continues a dialog. */
final class TemplateChoice {

    private TemplateChoice() {
    }

    static Template forQuestion(String question) {
        return Template.PROGRESS;
    }
}
