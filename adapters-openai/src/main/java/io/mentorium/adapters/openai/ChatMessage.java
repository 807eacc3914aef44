package io.mentorium.adapters.openai;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a chat request as the adapter sends it: the unit the budget trims and the token counter counts. The
 * stand-in server parses requests back into this shape, so both sides count the same thing.
 *
 * @param content    empty for an assistant message that only calls tools
 * @param toolCalls  for an assistant message: the functions it called
 * @param toolCallId for a tool message: the call it answers
 */
public record ChatMessage(String role, String content, List<FunctionCall> toolCalls, Optional<String> toolCallId) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String TOOL = "tool";

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(toolCallId, "toolCallId");
    }

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, List.of(), Optional.empty());
    }

    public static ChatMessage calling(List<FunctionCall> calls) {
        return new ChatMessage(ASSISTANT, "", calls, Optional.empty());
    }

    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage(TOOL, content, List.of(), Optional.of(toolCallId));
    }

    /** A function call as the model made it; {@code arguments} is the raw JSON text. */
    public record FunctionCall(String id, String name, String arguments) {

        public FunctionCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }
}
