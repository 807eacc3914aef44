package io.mentorium.application.testing;

import io.mentorium.application.port.out.Messenger;
import io.mentorium.domain.shared.ChatId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps what was sent; chats marked blocked answer as Telegram does for a parent who blocked the bot, and scripted
 * results (a 429, a 5xx) can be queued for the next sends.
 */
public final class RecordingMessenger implements Messenger {

    private final List<Outgoing> sent = new CopyOnWriteArrayList<>();
    private final List<ChatId> typing = new CopyOnWriteArrayList<>();
    private final Set<ChatId> blocked = ConcurrentHashMap.newKeySet();
    private final Deque<SendResult> scripted = new ArrayDeque<>();
    private final AtomicLong messageIds = new AtomicLong(1000);
    private final List<Draft> drafts = new CopyOnWriteArrayList<>();
    private volatile boolean draftsRefused;

    @Override
    public SendResult send(Outgoing message) {
        if (blocked.contains(message.chatId())) {
            return new SendResult.RecipientBlocked();
        }
        synchronized (scripted) {
            SendResult next = scripted.poll();
            if (next != null) {
                return next;
            }
        }
        sent.add(message);
        return new SendResult.Sent(Optional.of(messageIds.incrementAndGet()));
    }

    @Override
    public void showTyping(ChatId chatId) {
        typing.add(chatId);
    }

    @Override
    public SendResult draft(ChatId chatId, int draftId, String text) {
        if (blocked.contains(chatId)) {
            return new SendResult.RecipientBlocked();
        }
        if (draftsRefused) {
            return new SendResult.Failed("Bad Request: method not found", false);
        }
        drafts.add(new Draft(chatId, draftId, text));
        return new SendResult.Sent(Optional.empty());
    }

    /** A draft as shown: the chat, its id and its text at the time. */
    public record Draft(ChatId chatId, int draftId, String text) {
    }

    /** Answer every draft as an older Bot API server would: the method does not exist. */
    public void refuseDrafts() {
        draftsRefused = true;
    }

    public List<Draft> draftsTo(ChatId chatId) {
        return drafts.stream().filter(draft -> draft.chatId().equals(chatId)).toList();
    }

    public void block(ChatId chatId) {
        blocked.add(chatId);
    }

    /** The next sends answer these, in order, before sending normally again. */
    public void answerNext(SendResult... results) {
        synchronized (scripted) {
            scripted.addAll(List.of(results));
        }
    }

    public void answerNextWithRetryAfter(Duration wait) {
        answerNext(new SendResult.RetryAfter(wait));
    }

    public List<Outgoing> sent() {
        return List.copyOf(sent);
    }

    public List<Outgoing> sentTo(ChatId chatId) {
        return sent.stream().filter(message -> message.chatId().equals(chatId)).toList();
    }

    /** Texts of the new and edited messages sent to the chat, in order. */
    public List<String> textsTo(ChatId chatId) {
        return sentTo(chatId).stream().<String>mapMulti((message, out) -> {
            if (message instanceof SendText text) {
                out.accept(text.text());
            } else if (message instanceof EditText edit) {
                out.accept(edit.text());
            }
        }).toList();
    }

    public List<ChatId> typingShownIn() {
        return List.copyOf(typing);
    }
}
