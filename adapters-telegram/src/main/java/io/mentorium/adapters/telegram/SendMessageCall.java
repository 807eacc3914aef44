package io.mentorium.adapters.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendText;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@code sendMessage}, the call behind nearly every reply, made without the client library's object mapping: the
 * request is written with a streaming JSON generator, and of Telegram's answer only what the relay needs is read
 * ({@code ok}, {@code result.message_id}; on failure {@code error_code}, {@code description},
 * {@code parameters.retry_after}). Same HTTP client, same request as the library would send.
 *
 * <p>Why: profiling the bot under load (docs/PERFORMANCE.md) showed the library's bean serialisation of
 * {@code SendMessage}, the deserialisation of every answer into a full {@code Message}, a {@code MediaType} parsed per
 * call and the hand-off of each call to another thread costing more CPU per reply than the bare echo bot spends on an
 * update in all. The call runs synchronously on the sender's (virtual) thread.
 */
final class SendMessageCall {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final JsonFactory FACTORY = new JsonFactory();

    /** What came of a call: a message id, or Telegram's refusal, or no answer from Telegram at all. */
    sealed interface Result {

        record Sent(Optional<Long> messageId) implements Result {
        }

        record Refused(TelegramFailure failure) implements Result {
        }
    }

    private final OkHttpClient http;
    private final HttpUrl url;
    private final TokenScrubber scrubber;

    SendMessageCall(OkHttpClient http, HttpUrl url, TokenScrubber scrubber) {
        this.http = http;
        this.url = url;
        this.scrubber = scrubber;
    }

    Result send(SendText text, boolean paidBroadcast) {
        if (text.text().isEmpty()) {
            // What the library's validation refuses before any call; no retry can change it.
            return new Result.Refused(new TelegramFailure(0, "Text parameter can't be empty", Optional.empty(), true));
        }
        String body;
        try {
            body = body(text, paidBroadcast);
        } catch (IOException e) {
            // A StringWriter does not fail; kept for the generator's signature.
            return new Result.Refused(new TelegramFailure(0, scrubber.scrub(e.toString()), Optional.empty(), true));
        }
        Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody answer = response.body();
            if (answer == null) {
                return unreadable(response.code(), "no body");
            }
            try (InputStream in = answer.byteStream()) {
                return read(in, response.code());
            }
        } catch (IOException e) {
            // Network failure, timeout or a body cut short: Telegram may or may not have the message; retryable.
            return new Result.Refused(new TelegramFailure(0,
                    scrubber.scrub("Unable to execute sendmessage method: " + e.getClass().getSimpleName() + ": "
                            + e.getMessage()), Optional.empty(), false));
        }
    }

    static String body(SendText text, boolean paidBroadcast) throws IOException {
        StringWriter out = new StringWriter(text.text().length() + 256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
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

    /** Reads Telegram's envelope; the message itself is skipped but for its id. */
    private Result read(InputStream in, int status) throws IOException {
        Boolean ok = null;
        Long messageId = null;
        Integer errorCode = null;
        String description = null;
        Long retryAfter = null;
        try (JsonParser json = FACTORY.createParser(in)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return unreadable(status, "not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "ok" -> ok = value == JsonToken.VALUE_TRUE;
                    case "error_code" -> errorCode = value.isNumeric() ? json.getIntValue() : null;
                    case "description" -> description = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "result" -> messageId = messageIdIn(json, value);
                    case "parameters" -> retryAfter = retryAfterIn(json, value);
                    default -> json.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return unreadable(status, "unreadable JSON");
        }
        if (Boolean.TRUE.equals(ok)) {
            return new Result.Sent(Optional.ofNullable(messageId));
        }
        if (errorCode == null || errorCode <= 0) {
            return unreadable(status, description == null ? "no error code" : description);
        }
        return new Result.Refused(new TelegramFailure(errorCode, scrubber.scrub(description == null ? "" : description),
                Optional.ofNullable(retryAfter).map(seconds -> Duration.ofSeconds(Math.max(0, seconds))), false));
    }

    private static Long messageIdIn(JsonParser json, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            json.skipChildren();
            return null;
        }
        Long id = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken inner = json.nextToken();
            if (field.equals("message_id") && inner.isNumeric()) {
                id = json.getLongValue();
            } else {
                json.skipChildren();
            }
        }
        return id;
    }

    private static Long retryAfterIn(JsonParser json, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            json.skipChildren();
            return null;
        }
        Long seconds = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken inner = json.nextToken();
            if (field.equals("retry_after") && inner.isNumeric()) {
                seconds = json.getLongValue();
            } else {
                json.skipChildren();
            }
        }
        return seconds;
    }

    /** Not Telegram's answer (a proxy's error page, say): no error code, retryable, as the library reports it. */
    private static Result unreadable(int status, String what) {
        return new Result.Refused(new TelegramFailure(0, "Unable to deserialize response (HTTP " + status + ", " + what
                + ")", Optional.empty(), false));
    }
}
