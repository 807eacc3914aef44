package io.mentorium.adapters.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
     * A stream's first line buffer (it grows for a longer line): an event's lines are a few hundred bytes, and thousands
     * of streams are open at once, each for seconds. A {@code BufferedReader}'s default buffer came to about 30 MB of
     * live heap in a wave of 2,000 answers, copied again by every young collection, and its
     * {@code InputStreamReader} kept 8 KB of bytes more per stream.
     */
    static final int LINE_BUFFER_BYTES = 1_024;

    /** An event (or a line) longer than this ends the read as failed: no chunk of a chat completion comes near it. */
    static final int MAX_EVENT_BYTES = 1 << 20;

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
        try (InputStream in = body) {
            Lines lines = new Lines(in);
            Event data = new Event();
            while (!stream.done) {
                if (gathering != Gathering.NONE && !stream.text.isEmpty() && stream.finishReason == null
                        && !lines.ready()) {
                    gathering.pause();
                }
                int length = lines.next();
                if (length < 0) {
                    break;
                }
                byte[] line = lines.buffer();
                int at = lines.start();
                if (length == 0) {
                    stream.event(data, grown);
                    data.clear();
                } else if (startsWithData(line, at, length)) {
                    int skip = length > 5 && line[at + 5] == ' ' ? 6 : 5;
                    data.appendLine(line, at + skip, length - skip);
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

    private static boolean startsWithData(byte[] line, int at, int length) {
        return length >= 5 && line[at] == 'd' && line[at + 1] == 'a' && line[at + 2] == 't' && line[at + 3] == 'a'
                && line[at + 4] == ':';
    }

    /**
     * The lines of an event stream as bytes, ended by LF, CR or CR LF: an event's JSON is parsed from its UTF-8 bytes,
     * with no decoding into characters first and no line strings (a reader and its lines were a twentieth of the
     * answers' profile samples).
     */
    static final class Lines {

        private final InputStream in;
        private byte[] buffer = new byte[LINE_BUFFER_BYTES];
        private int start;
        private int end;
        /** The start of the line {@link #next} returned last. */
        private int lineStart;
        /** The last line ended with a CR: a LF first in what follows belongs to that line's end. */
        private boolean afterCr;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Whether a line can be (begun to be) read without waiting for the network. */
        boolean ready() throws IOException {
            return start < end || in.available() > 0;
        }

        /**
         * The next line's length, its bytes in {@link #buffer()} from {@link #start()} (until the next call); -1 at the
         * end of the stream. A last line without its end is returned as a line.
         */
        int next() throws IOException {
            int scanned = start;
            while (true) {
                if (afterCr && start < end) {
                    afterCr = false;
                    if (buffer[start] == '\n') {
                        start++;
                        scanned = Math.max(scanned, start);
                    }
                }
                for (int i = scanned; i < end; i++) {
                    byte b = buffer[i];
                    if (b == '\n' || b == '\r') {
                        lineStart = start;
                        start = i + 1;
                        afterCr = b == '\r';
                        return i - lineStart;
                    }
                }
                scanned = fill();
                if (scanned < 0) {
                    afterCr = false;
                    if (start == end) {
                        return -1;
                    }
                    lineStart = start;
                    start = end;
                    return end - lineStart;
                }
            }
        }

        /**
         * Moves what is buffered to the front (growing the buffer when it is full) and reads more after it.
         *
         * @return where the new bytes begin, or -1 at the end of the stream
         */
        private int fill() throws IOException {
            int unread = end - start;
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, unread);
                start = 0;
                end = unread;
            }
            if (end == buffer.length) {
                if (buffer.length >= MAX_EVENT_BYTES) {
                    throw new IOException("an event stream line is longer than " + MAX_EVENT_BYTES + " bytes");
                }
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_EVENT_BYTES));
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                return -1;
            }
            int from = end;
            end += read;
            return from;
        }

        byte[] buffer() {
            return buffer;
        }

        int start() {
            return lineStart;
        }
    }

    /** An event's data: its {@code data:} lines joined by line feeds, as bytes. */
    static final class Event {

        private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

        private byte[] bytes = new byte[LINE_BUFFER_BYTES];
        private int length;

        void appendLine(byte[] line, int from, int count) throws IOException {
            int needed = length + (length > 0 ? 1 : 0) + count;
            if (needed > MAX_EVENT_BYTES) {
                throw new IOException("an event stream event is longer than " + MAX_EVENT_BYTES + " bytes");
            }
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(Math.max(needed, bytes.length * 2), MAX_EVENT_BYTES));
            }
            if (length > 0) {
                bytes[length++] = '\n';
            }
            System.arraycopy(line, from, bytes, length, count);
            length += count;
        }

        boolean isEmpty() {
            return length == 0;
        }

        boolean isDone() {
            return Arrays.equals(bytes, 0, length, DONE, 0, DONE.length);
        }

        void clear() {
            length = 0;
        }
    }

    private void event(Event data, Consumer<String> grown) throws IOException {
        if (data.isEmpty()) {
            return;
        }
        if (data.isDone()) {
            done = true;
            return;
        }
        int before = text.length();
        try (JsonParser parser = JSON.createParser(data.bytes, 0, data.length)) {
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
