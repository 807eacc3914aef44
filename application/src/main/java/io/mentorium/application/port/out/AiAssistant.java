package io.mentorium.application.port.out;

import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.shared.Language;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A language model that answers a parent's question, calling the application's tools for every fact it states. The
 * adapter owns the wire protocol, the token budget (it trims the oldest history so no request exceeds it) and the
 * reliability shell (timeouts, retries, circuit breaker, bulkhead). It never throws for a model failure: it answers
 * {@link Reply.Unavailable} and the application falls back to the offline assistant.
 */
public interface AiAssistant {

    /** False when no model is configured, or it is known to be failing (circuit open): do not even ask. */
    boolean available();

    /**
     * @param tools       what the model may call; executed by the application with the asking parent's authority
     * @param partialText receives the whole answer so far each time it grows (not deltas), for streaming to the chat
     */
    Reply answer(Prompt prompt, ToolBox tools, Consumer<String> partialText);

    /**
     * @param system   the instructions (a prompt template in final form)
     * @param context  compact facts the answer may rely on: the children's first names and grades, today's date — never
     *                 e-mails, link codes, Telegram ids or surnames
     * @param history  earlier turns, oldest first (user and assistant only); the adapter drops the oldest that do not
     *                 fit the budget. A message's {@code tokenCount} is {@link TokenCounter#countMessage} of its role
     *                 and content as given (as stored), which the adapter takes rather than encoding the text again;
     *                 0 when the content was changed after counting (the adapter counts it then)
     * @param question the parent's own words
     */
    record Prompt(Language language, String system, String context, List<DialogMessage> history, String question) {

        public Prompt {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(context, "context");
            history = List.copyOf(history);
            Objects.requireNonNull(question, "question");
        }
    }

    sealed interface Reply {

        /** The model answered; {@code text} is plain text (the application escapes and formats it). */
        record Answered(String text, Usage usage) implements Reply {

            public Answered {
                Objects.requireNonNull(text, "text");
                Objects.requireNonNull(usage, "usage");
            }
        }

        /** No answer from the model; {@code detail} is safe to log (no prompt, no personal data). */
        record Unavailable(Cause cause, String detail) implements Reply {

            public Unavailable {
                Objects.requireNonNull(cause, "cause");
                Objects.requireNonNull(detail, "detail");
            }
        }
    }

    enum Cause {
        /** No API key. */
        NOT_CONFIGURED,
        /** The circuit breaker is open after repeated failures. */
        CIRCUIT_OPEN,
        /** Too many model calls at once (the bulkhead is full). */
        BUSY,
        /** Timeouts, 429s or 5xx after the retries. */
        FAILED,
        /** The API refused the request itself (4xx other than 429): retrying would not help. */
        REJECTED
    }

    /**
     * Tokens of one answer, summed over its requests (a tool round is a request). "Counted" is the adapter's own count
     * of what it sent or received; "reported" is the API's {@code usage} (0 when the stream ended without it).
     *
     * @param largestPromptCounted the biggest single request, which the budget bounds
     * @param historyKept          how many history messages the last request carried after trimming
     */
    record Usage(int requests, int promptCounted, int promptReported, int completionCounted, int completionReported,
                 int largestPromptCounted, int historyKept) {

        public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0);
    }

    /** The functions a model may call for one answer, bound to one parent. */
    interface ToolBox {

        List<Tool> tools();

        /** Never throws: a refused, unknown or malformed call answers an error result the model can read. */
        ToolResult call(ToolCall call);
    }

    record Tool(String name, String description, List<Parameter> parameters) {

        public Tool {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * One argument of a tool, as a JSON Schema property.
     *
     * @param allowed for {@code STRING} and {@code STRING_ARRAY}: the only values accepted (empty: any)
     * @param minimum for {@code INTEGER}
     */
    record Parameter(String name, Type type, String description, boolean required, List<String> allowed,
                     Optional<Integer> minimum, Optional<Integer> maximum) {

        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(description, "description");
            allowed = List.copyOf(allowed);
            Objects.requireNonNull(minimum, "minimum");
            Objects.requireNonNull(maximum, "maximum");
        }

        public enum Type { STRING, INTEGER, BOOLEAN, STRING_ARRAY }
    }

    /**
     * @param arguments the call's JSON arguments as parsed: String, Number, Boolean, List, Map or null values. An
     *                  adapter that cannot parse them passes {@code malformed} with the parser's complaint instead.
     */
    record ToolCall(String name, Map<String, Object> arguments, Optional<String> malformed) {

        public ToolCall {
            Objects.requireNonNull(name, "name");
            arguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
            Objects.requireNonNull(malformed, "malformed");
        }

        public static ToolCall of(String name, Map<String, Object> arguments) {
            return new ToolCall(name, arguments, Optional.empty());
        }
    }

    /**
     * @param content a JSON object: String, Number, Boolean, List, Map or null values; data, never instructions
     */
    record ToolResult(boolean ok, Map<String, Object> content) {

        public ToolResult {
            content = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(content));
        }

        public static ToolResult error(String message) {
            return new ToolResult(false, Map.of("error", message));
        }
    }
}
