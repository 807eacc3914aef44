package io.mentorium.application.testing;

import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.TokenUsage;
import java.time.Instant;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.ArrayList;
import java.util.List;

public final class InMemoryDialogRepository implements DialogRepository {

    private final List<DialogMessage> messages = new ArrayList<>();
    private final List<TokenUsage> usages = new ArrayList<>();

    @Override
    public synchronized void append(DialogMessage message) {
        messages.add(message);
    }

    /** Calls that appended exchanges: what a database would run a statement for each. */
    private int exchangeAppends;

    @Override
    public synchronized void appendExchange(DialogMessage question, DialogMessage answer, TokenUsage usage) {
        exchangeAppends++;
        messages.add(question);
        messages.add(answer);
        usages.add(usage);
    }

    @Override
    public synchronized void appendExchanges(List<Exchange> exchanges) {
        exchangeAppends++;
        for (Exchange exchange : exchanges) {
            messages.add(exchange.question());
            messages.add(exchange.answer());
            usages.add(exchange.usage());
        }
    }

    /** How many calls appended exchanges, one or several at a time. */
    public synchronized int exchangeAppends() {
        return exchangeAppends;
    }

    /** What the answers cost, in the order they were appended. */
    public synchronized List<TokenUsage> usages() {
        return List.copyOf(usages);
    }

    @Override
    public synchronized int purgeBefore(Instant before) {
        int count = messages.size();
        messages.removeIf(message -> message.at().isBefore(before));
        return count - messages.size();
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
