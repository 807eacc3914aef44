package io.mentorium.adapters.telegram;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One Bot API method called with a body written by the caller, without the client library's object mapping, and
 * synchronously on the caller's thread: of Telegram's answer only what the callers need is read ({@code ok},
 * {@code result.message_id}; on failure {@code error_code}, {@code description}, {@code parameters.retry_after}).
 * Same HTTP client, same request as the library would send ({@link SendMessageCall}, {@link SendMessageDraftCall}).
 *
 * <p>Why: profiling the bot under load (docs/PERFORMANCE.md) showed the library's bean serialisation of each request,
 * the deserialisation of every answer into a full object, a {@code MediaType} parsed per call and the hand-off of each
 * call to another thread costing more CPU per reply than the bare echo bot spends on an update in all.
 */
final class BotApiPost {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /**
     * JSON for calls made on a few long-lived threads (the relay's senders): Jackson's default keeps a set of buffers
     * per thread, which such threads reuse without any lock.
     */
    static final JsonFactory PER_THREAD_BUFFERS = new JsonFactory();

    /**
     * JSON for calls made on the answers' virtual threads, thousands of them, each new: buffers kept per thread would
     * be a fresh set for each, so they come from the client library's bounded pool instead.
     */
    static final JsonFactory POOLED_BUFFERS = new JsonFactory().setRecyclerPool(TelegramApi.CLIENT_JSON_BUFFERS);

    /** What came of a call: a message id, or Telegram's refusal, or no answer from Telegram at all. */
    sealed interface Result {

        record Sent(Optional<Long> messageId) implements Result {
        }

        record Refused(TelegramFailure failure) implements Result {
        }
    }

    private final OkHttpClient http;
    private final HttpUrl url;
    private final String method;
    private final TokenScrubber scrubber;
    private final JsonFactory json;

    /**
     * @param method the method's name as the library reports it in errors ({@code sendmessage})
     * @param json   {@link #PER_THREAD_BUFFERS} or {@link #POOLED_BUFFERS}, by the threads that will call
     */
    BotApiPost(OkHttpClient http, HttpUrl url, String method, TokenScrubber scrubber, JsonFactory json) {
        this.http = http;
        this.url = url;
        this.method = method;
        this.scrubber = scrubber;
        this.json = json;
    }

    /** A request's fields, written into the JSON object {@link #post(int, Fields)} opens and closes. */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    /** Writes the request with this method's JSON factory, then posts it. */
    Result post(int expectedLength, Fields fields) {
        Body body;
        try {
            body = writeBody(json, expectedLength, fields);
        } catch (IOException e) {
            // Writing into memory does not fail; kept for the generator's signature.
            return refusedBeforeSending(e.toString());
        }
        return post(RequestBody.create(body.bytes(), JSON, 0, body.size()));
    }

    /** The request's JSON as {@link #post(int, Fields)} sends it. */
    static String write(JsonFactory factory, int expectedLength, Fields fields) throws IOException {
        return writeBody(factory, expectedLength, fields).toString(StandardCharsets.UTF_8);
    }

    /**
     * The JSON written as UTF-8 straight into the bytes the request sends. Written as a string first, a reply was
     * copied three more times — the writer's buffer, the string, its UTF-8 bytes — a tenth of what the bot allocated
     * per update under load (docs/PERFORMANCE.md).
     *
     * @param expectedLength characters; a Cyrillic letter takes two bytes
     */
    private static Body writeBody(JsonFactory factory, int expectedLength, Fields fields) throws IOException {
        Body out = new Body(2 * expectedLength);
        try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        }
        return out;
    }

    /** Bytes written, sent from the buffer they were written into. */
    private static final class Body extends ByteArrayOutputStream {

        Body(int capacity) {
            super(capacity);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /** A request the library would have refused to build: nothing is sent, and no retry can change it. */
    static Result refusedBeforeSending(String reason) {
        return new Result.Refused(new TelegramFailure(0, reason, Optional.empty(), true));
    }

    private Result post(RequestBody body) {
        Request request = new Request.Builder().url(url).post(body).build();
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
                    scrubber.scrub("Unable to execute " + method + " method: " + e.getClass().getSimpleName() + ": "
                            + e.getMessage()), Optional.empty(), false));
        }
    }

    /** Reads Telegram's envelope; the message itself is skipped but for its id. */
    private Result read(InputStream in, int status) throws IOException {
        Boolean ok = null;
        Long messageId = null;
        Integer errorCode = null;
        String description = null;
        Long retryAfter = null;
        try (JsonParser json = this.json.createParser(in)) {
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
                    case "result" -> {
                        // Once Telegram said ok, the id is all that is needed: the rest of the message it echoes back
                        // is discarded unparsed as the stream closes (the HTTP client reads it off the connection to
                        // keep it for the next call). Parsing it was a third of the senders' JSON samples.
                        boolean sent = Boolean.TRUE.equals(ok);
                        messageId = numberIn(json, value, "message_id", sent);
                        if (sent && messageId != null) {
                            return new Result.Sent(Optional.of(messageId));
                        }
                    }
                    case "parameters" -> retryAfter = numberIn(json, value, "retry_after", false);
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

    /**
     * The number in field {@code name} of the object {@code value} opens, skipping the rest; null if none.
     *
     * @param stopAtIt return as soon as it is read, leaving the parser inside the object (nothing more is read then)
     */
    private static Long numberIn(JsonParser json, JsonToken value, String name, boolean stopAtIt) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            json.skipChildren();
            return null;
        }
        Long number = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken inner = json.nextToken();
            if (field.equals(name) && inner.isNumeric()) {
                number = json.getLongValue();
                if (stopAtIt) {
                    return number;
                }
            } else {
                json.skipChildren();
            }
        }
        return number;
    }

    /** Not Telegram's answer (a proxy's error page, say): no error code, retryable, as the library reports it. */
    private static Result unreadable(int status, String what) {
        return new Result.Refused(new TelegramFailure(0, "Unable to deserialize response (HTTP " + status + ", " + what
                + ")", Optional.empty(), false));
    }
}
