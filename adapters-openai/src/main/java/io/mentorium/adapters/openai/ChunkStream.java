package io.mentorium.adapters.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads one streamed chat completion (server-sent events of {@code chat.completion.chunk}s) into the reply: the first
 * choice's text, its function calls with their arguments joined from fragments, the finish reason and the usage.
 *
 * <p>Why not openai-java's own chunk models and {@code ChatCompletionAccumulator}: at thousands of answers streaming
 * at once on two cores, binding every chunk to the SDK's models and re-accumulating it was most of the bot's CPU per
 * answer (ADR 0011). Here each event is read once with Jackson's streaming parser, keeping only the few fields the
 * reply needs; everything else in a chunk is skipped unread. The request, the HTTP client, the error statuses and
 * their exceptions stay openai-java's.
 *
 * <p>Not thread-safe: one request, one thread.
 */
final class ChunkStream {

    private static final JsonFactory JSON = JsonBuffers.factory();

    /** A function call being streamed; fragments of its arguments arrive in order. */
    private static final class PendingCall {

        private String id = "";
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();
    }

    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, PendingCall> calls = new TreeMap<>();
    private String finishReason;
    private boolean done;
    private long promptTokens = -1;
    private long completionTokens = -1;

    /** The reply of a stream that ended with its finish reason. */
    record Reply(String text, List<ChatMessage.FunctionCall> calls, String finishReason, long promptTokens,
                 long completionTokens) {

        boolean hasUsage() {
            return promptTokens >= 0;
        }
    }

    /**
     * A stream's line buffer: an event's lines are a few hundred characters, and thousands of streams are open at once,
     * each for seconds. The default (8,192 characters, 16 KB) came to about 30 MB of live heap in a wave of 2,000
     * answers, copied again by every young collection while the answers streamed.
     */
    static final int LINE_BUFFER_CHARS = 1_024;

    /**
     * Reads {@code body} to its end (or {@code [DONE]}), telling {@code grown} the whole text so far each time the
     * first choice's text grows.
     *
     * @throws ModelFailure.IncompleteStream when the stream ended before the first choice finished
     * @throws ModelFailure.StreamError      when the stream carried an error event
     * @throws UncheckedIOException          when reading failed (a timeout, a reset connection)
     */
    static Reply read(InputStream body, Consumer<String> grown) {
        return read(body, grown, Gathering.NONE);
    }

    /**
     * What a reader does once a reply's text has begun and everything received so far has been read: wait a while
     * for more chunks to gather instead of blocking in a read that wakes for each one.
     *
     * <p>Why: a model streams an answer in dozens of small chunks, and a thread blocked in a read is woken for each
     * (on HTTP/2 the connection's reader thread hands every chunk over through a monitor, and a virtual thread waiting
     * on it is rescheduled through the JDK's unblocker: two thread hand-offs per chunk). Nobody sees the text between
     * two previews, which go out at most once a second, so reading it a few chunks at a time changes nothing a parent
     * sees except that the final message may follow the last chunk by up to one pause. Replies that have not begun
     * their text (tool calls, which arrive at once) and the end of a reply that has finished (its usage,
     * {@code [DONE]}) are read as they come.
     */
    @FunctionalInterface
    interface Gathering {

        /** Every chunk read as it arrives. */
        Gathering NONE = () -> {
        };

        void pause() throws InterruptedIOException;

        static Gathering sleeping(Duration pause) {
            if (!pause.isPositive()) {
                return NONE;
            }
            return () -> {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    InterruptedIOException interrupted =
                            new InterruptedIOException("interrupted while chunks gathered");
                    interrupted.initCause(e);
                    throw interrupted;
                }
            };
        }
    }

    /** As {@link #read(InputStream, Consumer)}, with {@code gathering} between reads (see {@link Gathering}). */
    static Reply read(InputStream body, Consumer<String> grown, Gathering gathering) {
        ChunkStream stream = new ChunkStream();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8),
                LINE_BUFFER_CHARS)) {
            StringBuilder data = new StringBuilder();
            String line;
            while (!stream.done) {
                if (gathering != Gathering.NONE && !stream.text.isEmpty() && stream.finishReason == null
                        && !lines.ready()) {
                    gathering.pause();
                }
                line = lines.readLine();
                if (line == null) {
                    break;
                }
                if (line.isEmpty()) {
                    stream.event(data, grown);
                    data.setLength(0);
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line, line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5, line.length());
                }
                // Comments (":…"), "event:", "id:" and "retry:" lines carry nothing a chat completion needs.
            }
            if (!stream.done && !data.isEmpty()) {
                stream.event(data, grown);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stream.reply();
    }

    private void event(StringBuilder data, Consumer<String> grown) throws IOException {
        if (data.isEmpty()) {
            return;
        }
        if (data.length() == 6 && "[DONE]".contentEquals(data)) {
            done = true;
            return;
        }
        int before = text.length();
        try (JsonParser parser = JSON.createParser(data.toString())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "choices" -> choices(parser, value);
                    case "usage" -> usage(parser, value);
                    case "error" -> {
                        if (value != JsonToken.VALUE_NULL) {
                            throw new ModelFailure.StreamError(errorCode(parser, value));
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        }
        if (text.length() > before) {
            grown.accept(text.toString());
        }
    }

    private void choices(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            int index = 0;
            // The index may come after the delta: keep this choice's parts until the object ends.
            String content = null;
            List<CallDelta> callDeltas = List.of();
            String finish = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "index" -> index = token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : index;
                    case "finish_reason" -> finish = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "delta" -> {
                        if (token != JsonToken.START_OBJECT) {
                            parser.skipChildren();
                            break;
                        }
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String part = parser.currentName();
                            JsonToken partValue = parser.nextToken();
                            if (part.equals("content") && partValue == JsonToken.VALUE_STRING) {
                                content = parser.getText();
                            } else if (part.equals("tool_calls") && partValue == JsonToken.START_ARRAY) {
                                callDeltas = callDeltas(parser);
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (index != 0) {
                continue;
            }
            if (content != null) {
                text.append(content);
            }
            for (CallDelta delta : callDeltas) {
                PendingCall call = calls.computeIfAbsent(delta.index(), i -> new PendingCall());
                if (delta.id() != null) {
                    call.id = delta.id();
                }
                if (delta.name() != null) {
                    call.name = call.name + delta.name();
                }
                if (delta.arguments() != null) {
                    call.arguments.append(delta.arguments());
                }
            }
            if (finish != null) {
                finishReason = finish;
            }
        }
    }

    private record CallDelta(int index, String id, String name, String arguments) {
    }

    private static List<CallDelta> callDeltas(JsonParser parser) throws IOException {
        List<CallDelta> deltas = new ArrayList<>(1);
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            int index = 0;
            String id = null;
            String name = null;
            String arguments = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "index" -> index = token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : index;
                    case "id" -> id = token == JsonToken.VALUE_STRING ? parser.getText() : id;
                    case "function" -> {
                        if (token != JsonToken.START_OBJECT) {
                            parser.skipChildren();
                            break;
                        }
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String part = parser.currentName();
                            JsonToken partValue = parser.nextToken();
                            if (part.equals("name") && partValue == JsonToken.VALUE_STRING) {
                                name = parser.getText();
                            } else if (part.equals("arguments") && partValue == JsonToken.VALUE_STRING) {
                                arguments = parser.getText();
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            deltas.add(new CallDelta(index, id, name, arguments));
        }
        return deltas;
    }

    private void usage(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (field.equals("prompt_tokens") && token == JsonToken.VALUE_NUMBER_INT) {
                promptTokens = parser.getLongValue();
            } else if (field.equals("completion_tokens") && token == JsonToken.VALUE_NUMBER_INT) {
                completionTokens = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
        }
    }

    private static String errorCode(JsonParser parser, JsonToken value) throws IOException {
        String code = "";
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return code;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (field.equals("code") && token == JsonToken.VALUE_STRING) {
                code = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return code;
    }

    private Reply reply() {
        if (finishReason == null) {
            throw new ModelFailure.IncompleteStream("ended before the reply was complete");
        }
        List<ChatMessage.FunctionCall> functionCalls = new ArrayList<>(calls.size());
        calls.values().forEach(call -> functionCalls.add(new ChatMessage.FunctionCall(call.id, call.name,
                call.arguments.toString())));
        return new Reply(text.toString(), List.copyOf(functionCalls), finishReason, promptTokens, completionTokens);
    }
}
