package io.mentorium.archfixture.violating.adapters.openai;

import io.mentorium.archfixture.violating.runner.bot.BotMain;

/** An adapter depending on a runner, i.e. on the composition root. */
public class OpenAiReportWriter {

    public String model() {
        return BotMain.modelName();
    }
}
