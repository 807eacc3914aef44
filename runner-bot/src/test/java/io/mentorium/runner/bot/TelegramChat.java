package io.mentorium.runner.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One person's private chat with the bot, seen from the Bot API stand-in: what they send is enqueued as updates, what
 * the bot shows them is read back from the calls the stand-in received. Waits poll with a deadline.
 */
final class TelegramChat {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotApiStandIn telegram;
    private final TelegramUpdates.Person person;
    private int seen;

    TelegramChat(BotApiStandIn telegram, long userId, String languageCode) {
        this.telegram = telegram;
        this.person = TelegramUpdates.person(userId, languageCode);
    }

    TelegramUpdates.Person person() {
        return person;
    }

    long chatId() {
        return person.chatId();
    }

    /** Sends an update built from the person and waits until a text shown afterwards contains {@code expected}. */
    String send(Function<TelegramUpdates.Person, ObjectNode> update, String expected) {
        telegram.enqueueUpdates(update.apply(person));
        return awaitText(expected);
    }

    String type(String text, String expected) {
        return send(p -> p.text(text), expected);
    }

    String command(String name, String expected) {
        return send(p -> p.command(name), expected);
    }

    /** Presses the inline button whose label contains {@code label} on the latest message showing one. */
    String press(String label, String expected) {
        Pressable button = button(label);
        return send(p -> p.pressed(button.messageId(), button.data()), expected);
    }

    /** Waits for a new text (sent or edited) containing {@code expected}; later waits start after it. */
    String awaitText(String expected) {
        String[] found = new String[1];
        try {
            Eventually.until("a message containing \"" + expected + "\" in chat " + chatId(), () -> {
                List<BotApiCall> shown = shownCalls();
                for (int i = seen; i < shown.size(); i++) {
                    String text = shown.get(i).string("text");
                    if (text.contains(expected)) {
                        seen = i + 1;
                        found[0] = text;
                        return true;
                    }
                }
                return false;
            }, TIMEOUT);
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; shown: " + texts(), timedOut);
        }
        return found[0];
    }

    /** Every text the bot sent or edited in this chat, in arrival order. */
    List<String> texts() {
        return shownCalls().stream().map(call -> call.string("text")).toList();
    }

    List<BotApiCall> shownCalls() {
        return telegram.calls().stream()
                .filter(call -> call.method().equals("sendMessage") || call.method().equals("editMessageText"))
                .filter(call -> call.has("chat_id") && call.longParam("chat_id") == chatId())
                .toList();
    }

    /** Labels of the reply keyboard most recently sent. */
    List<String> replyKeyboard() {
        List<BotApiCall> shown = shownCalls();
        for (int i = shown.size() - 1; i >= 0; i--) {
            Optional<Map<?, ?>> markup = markup(shown.get(i));
            if (markup.isPresent() && markup.get().get("keyboard") instanceof List<?> rows) {
                return rows.stream().flatMap(row -> ((List<?>) row).stream())
                        .map(key -> key instanceof Map<?, ?> map ? String.valueOf(map.get("text")) : String.valueOf(key))
                        .toList();
            }
        }
        return List.of();
    }

    record Pressable(long messageId, String data) {
    }

    Pressable button(String label) {
        List<BotApiCall> shown = shownCalls();
        for (int i = shown.size() - 1; i >= 0; i--) {
            BotApiCall call = shown.get(i);
            Optional<Map<?, ?>> markup = markup(call);
            if (markup.isPresent() && markup.get().get("inline_keyboard") instanceof List<?> rows) {
                for (Object row : rows) {
                    for (Object key : (List<?>) row) {
                        Map<?, ?> button = (Map<?, ?>) key;
                        if (String.valueOf(button.get("text")).contains(label)) {
                            return new Pressable(messageIdOf(call), String.valueOf(button.get("callback_data")));
                        }
                    }
                }
            }
        }
        throw new AssertionError("no button \"" + label + "\" in chat " + chatId() + "; shown: " + texts());
    }

    private long messageIdOf(BotApiCall call) {
        if (call.method().equals("editMessageText")) {
            return call.longParam("message_id");
        }
        // The stand-in records a call when it arrives and the message once it answered: wait for the answer.
        long[] id = new long[1];
        Eventually.until("the stand-in to answer " + call, () -> telegram.sentMessages(chatId()).stream()
                .filter(message -> message.call().equals(call)).findFirst()
                .map(message -> id[0] = message.messageId()).isPresent(), TIMEOUT);
        return id[0];
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<?, ?>> markup(BotApiCall call) {
        Object markup = call.param("reply_markup").orElse(null);
        if (markup instanceof String json) {
            try {
                markup = JSON.readValue(json, Map.class);
            } catch (Exception e) {
                throw new AssertionError("unreadable reply_markup " + json, e);
            }
        }
        return markup instanceof Map<?, ?> map ? Optional.of(map) : Optional.empty();
    }
}
