package io.mentorium.application.testing;

import io.mentorium.application.port.out.AiAssistant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A model from a script: the script sees the prompt and the tool box (so it can call tools as a model would) and
 * returns the answer's text, or null for "unavailable". Remembers the prompts, so tests can check what the core sent.
 */
public final class ScriptedAiAssistant implements AiAssistant {

    private final BiFunction<Prompt, ToolBox, String> script;
    private final List<Prompt> prompts = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;

    public ScriptedAiAssistant(BiFunction<Prompt, ToolBox, String> script) {
        this.script = script;
    }

    @Override
    public boolean available() {
        return available;
    }

    public void available(boolean available) {
        this.available = available;
    }

    @Override
    public Reply answer(Prompt prompt, ToolBox tools, Consumer<String> partialText) {
        if (!available) {
            return new Reply.Unavailable(Cause.NOT_CONFIGURED, "scripted: no model");
        }
        prompts.add(prompt);
        String text = script.apply(prompt, tools);
        if (text == null) {
            return new Reply.Unavailable(Cause.FAILED, "scripted failure");
        }
        // Streams in two steps so callers exercise partial delivery.
        partialText.accept(text.substring(0, text.length() / 2));
        partialText.accept(text);
        return new Reply.Answered(text, new Usage(1, prompt.question().length(), prompt.question().length(),
                text.length(), text.length(), prompt.question().length(), prompt.history().size()));
    }

    public List<Prompt> prompts() {
        return List.copyOf(prompts);
    }
}
