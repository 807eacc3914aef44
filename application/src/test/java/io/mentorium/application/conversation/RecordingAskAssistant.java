package io.mentorium.application.conversation;

import io.mentorium.application.port.in.AskAssistant;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Takes questions without answering them, and can be told what to answer instead of queuing. */
final class RecordingAskAssistant implements AskAssistant {

    final List<String> questions = new CopyOnWriteArrayList<>();
    final AtomicInteger newDialogs = new AtomicInteger();
    final List<List<TelegramUserId>> readAheads = new CopyOnWriteArrayList<>();
    volatile Outcome next;

    @Override
    public Outcome ask(Parent parent, ChatId chatId, String question) {
        questions.add(question);
        Outcome outcome = next;
        return outcome != null ? outcome : new Outcome.Queued(questions.size(), Optional.empty());
    }

    @Override
    public void readAhead(Collection<TelegramUserId> parentIds) {
        readAheads.add(List.copyOf(parentIds));
    }

    @Override
    public int startNewDialog(Parent parent) {
        newDialogs.incrementAndGet();
        return 0;
    }
}
