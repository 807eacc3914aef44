package io.mentorium.adapters.telegram;

import com.fasterxml.jackson.core.JsonGenerator;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendText;
import java.io.IOException;
import java.util.List;

/**
 * {@code sendMessage}, the call behind nearly every reply, made without the client library's object mapping (see
 * {@link BotApiPost}): the request is written with a streaming JSON generator. The call runs synchronously on the
 * sender's thread.
 */
final class SendMessageCall {

    private final BotApiPost post;

    SendMessageCall(BotApiPost post) {
        this.post = post;
    }

    BotApiPost.Result send(SendText text, boolean paidBroadcast) {
        if (text.text().isEmpty()) {
            // What the library's validation refuses before any call; no retry can change it.
            return BotApiPost.refusedBeforeSending("Text parameter can't be empty");
        }
        return post.post(expectedLength(text), json -> fields(json, text, paidBroadcast));
    }

    private static int expectedLength(SendText text) {
        return text.text().length() + 256;
    }

    private static void fields(JsonGenerator json, SendText text, boolean paidBroadcast) throws IOException {
        json.writeNumberField("chat_id", text.chatId().value());
        json.writeStringField("text", text.text());
        json.writeStringField("parse_mode", "HTML");
        json.writeObjectFieldStart("link_preview_options");
        json.writeBooleanField("is_disabled", true);
        json.writeEndObject();
        writeMarkup(json, text.keyboard());
        if (paidBroadcast) {
            json.writeBooleanField("allow_paid_broadcast", true);
        }
    }

    private static void writeMarkup(JsonGenerator json, Keyboard keyboard) throws IOException {
        switch (keyboard) {
            case Keyboard.Unchanged unchanged -> {
            }
            case Keyboard.Inline inline -> {
                if (inline.rows().isEmpty()) {
                    return;
                }
                json.writeObjectFieldStart("reply_markup");
                json.writeArrayFieldStart("inline_keyboard");
                for (List<Messenger.Button> row : inline.rows()) {
                    json.writeStartArray();
                    for (Messenger.Button button : row) {
                        json.writeStartObject();
                        json.writeStringField("text", button.label());
                        json.writeStringField("callback_data", button.data());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            case Keyboard.Reply reply -> {
                json.writeObjectFieldStart("reply_markup");
                json.writeArrayFieldStart("keyboard");
                for (List<String> row : reply.rows()) {
                    json.writeStartArray();
                    for (String label : row) {
                        json.writeStartObject();
                        json.writeStringField("text", label);
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeEndArray();
                json.writeBooleanField("resize_keyboard", true);
                json.writeBooleanField("is_persistent", true);
                json.writeEndObject();
            }
            case Keyboard.RemoveReply remove -> {
                json.writeObjectFieldStart("reply_markup");
                json.writeBooleanField("remove_keyboard", true);
                json.writeEndObject();
            }
        }
    }

}
