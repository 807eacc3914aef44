package io.mentorium.application.testing;

import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.ArrayList;
import java.util.List;

public final class InMemoryDialogRepository implements DialogRepository {

    private final List<DialogMessage> messages = new ArrayList<>();

    @Override
    public synchronized void append(DialogMessage message) {
        messages.add(message);
    }

    @Override
    public synchronized List<DialogMessage> recent(TelegramUserId parentId, int limit) {
        List<DialogMessage> own = messages.stream().filter(message -> message.parentId().equals(parentId)).toList();
        return List.copyOf(own.subList(Math.max(0, own.size() - limit), own.size()));
    }

    @Override
    public synchronized int clear(TelegramUserId parentId) {
        int before = messages.size();
        messages.removeIf(message -> message.parentId().equals(parentId));
        return before - messages.size();
    }
}
