package io.mentorium.application.testing;

import io.mentorium.application.port.out.AiAssistant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/** Answers from a script and remembers the questions, so tests can check what the core asked. */
public final class ScriptedAiAssistant implements AiAssistant {

    private final Function<Question, String> script;
    private final List<Question> questions = new CopyOnWriteArrayList<>();

    public ScriptedAiAssistant(Function<Question, String> script) {
        this.script = script;
    }

    @Override
    public Answer answer(Question question, Consumer<String> partialText) {
        questions.add(question);
        String text = script.apply(question);
        // Streams in two steps so callers exercise partial delivery.
        partialText.accept(text.substring(0, text.length() / 2));
        partialText.accept(text);
        return new Answer(text, question.text().length(), text.length());
    }

    public List<Question> questions() {
        return List.copyOf(questions);
    }
}
