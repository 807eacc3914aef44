package io.mentorium.adapters.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mentorium.domain.shared.ChatId;
import java.io.IOException;
import org.telegram.telegrambots.meta.api.methods.ParseMode;

/**
 * {@code sendMessageDraft}, the preview of an answer being written, made without the client library's object mapping
 * (see {@link BotApiPost}) and on the answer's own thread.
 *
 * <p>Why: thousands of answers streaming at once each show a draft about once a second. Through the library, every
 * draft was a bean serialised by reflection and a call handed to one of the library's call threads while the answer's
 * thread waited for it: two thread hand-offs per draft beside the HTTP call itself (docs/PERFORMANCE.md).
 */
final class SendMessageDraftCall {

    /** The Bot API's longest message text, which the library checks a draft against before sending it. */
    static final int MAX_TEXT_LENGTH = 4096;

    private final BotApiPost post;

    SendMessageDraftCall(BotApiPost post) {
        this.post = post;
    }

    /** @param text HTML; empty for the "thinking" placeholder, which carries no parse mode */
    BotApiPost.Result send(ChatId chatId, int draftId, String text) {
        // The library's own checks, so that a refusal reads the same either way and nothing is sent (a ChatId is never
        // zero, which is the library's third check).
        if (draftId == 0) {
            return BotApiPost.refusedBeforeSending("DraftId can't be empty and must be non-zero");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            return BotApiPost.refusedBeforeSending("Text can't be longer than 4096 characters");
        }
        return post.post(expectedLength(text), json -> fields(json, chatId, draftId, text));
    }

    static String body(JsonFactory factory, ChatId chatId, int draftId, String text) throws IOException {
        return BotApiPost.write(factory, expectedLength(text), json -> fields(json, chatId, draftId, text));
    }

    private static int expectedLength(String text) {
        return text.length() + 96;
    }

    private static void fields(JsonGenerator json, ChatId chatId, int draftId, String text) throws IOException {
        json.writeNumberField("chat_id", chatId.value());
        json.writeNumberField("draft_id", draftId);
        json.writeStringField("text", text);
        if (!text.isEmpty()) {
            json.writeStringField("parse_mode", ParseMode.HTML);
        }
    }
}
