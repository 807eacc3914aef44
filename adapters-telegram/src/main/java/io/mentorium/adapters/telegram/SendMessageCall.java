package io.mentorium.adapters.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendText;
import java.io.IOException;
import java.io.StringWriter;
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
        try {
            return post.post(body(post.json(), text, paidBroadcast));
        } catch (IOException e) {
            // A StringWriter does not fail; kept for the generator's signature.
            return BotApiPost.refusedBeforeSending(e.toString());
        }
    }

    static String body(JsonFactory factory, SendText text, boolean paidBroadcast) throws IOException {
        StringWriter out = new StringWriter(text.text().length() + 256);
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
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
            json.writeEndObject();
        }
        return out.toString();
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
