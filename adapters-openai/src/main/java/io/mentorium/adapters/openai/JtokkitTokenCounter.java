package io.mentorium.adapters.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.mentorium.application.port.out.AiAssistant.Parameter;
import io.mentorium.application.port.out.AiAssistant.Tool;
import io.mentorium.application.port.out.TokenCounter;
import java.util.List;

/**
 * Counts tokens with o200k_base, the encoding of the gpt-4o family, and chat requests with the OpenAI cookbook's
 * formulas ("How to count tokens with tiktoken"), which matched the API exactly for gpt-4o(-mini) messages. The
 * encoding is fixed rather than looked up by model name: jtokkit maps names such as {@code gpt-4.1-mini} to
 * cl100k_base by prefix, which is wrong. Special-token look-alikes in text are counted as ordinary text, so no user
 * input can make counting throw.
 */
public final class JtokkitTokenCounter implements TokenCounter {

    /** Every message is framed as {@code <|start|>role<|message|>content<|end|>}. */
    public static final int TOKENS_PER_MESSAGE = 3;
    /** Every reply is primed with {@code <|start|>assistant<|message|>}. */
    public static final int REPLY_PRIMING = 3;

    // The cookbook's constants for tool definitions on gpt-4o and gpt-4o-mini; an estimate the usage chunk corrects.
    private static final int FUNCTION_INIT = 7;
    private static final int PROPERTIES_INIT = 3;
    private static final int PROPERTY_KEY = 3;
    private static final int ENUM_INIT = -3;
    private static final int ENUM_ITEM = 3;
    private static final int FUNCTIONS_END = 12;

    /** Loaded on first use: the encoding's vocabulary takes a noticeable moment and memory. */
    private static final class O200k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    @Override
    public int count(String text) {
        return text.isEmpty() ? 0 : O200k.ENCODING.countTokensOrdinary(text);
    }

    @Override
    public int countMessage(String role, String content) {
        return TOKENS_PER_MESSAGE + roleCount(role) + count(content);
    }

    /** The roles are a handful of words from code: each is encoded once. */
    private final BoundedMemo<String, Integer> roleCounts = new BoundedMemo<>(8);

    private int roleCount(String role) {
        return roleCounts.get(role, this::count);
    }

    /**
     * At least {@link #count}, without encoding: the text's length in UTF-8 bytes. o200k is a byte-level encoding in
     * which every token stands for at least one byte of the text, so no text has more tokens than bytes. (A lone
     * surrogate is sent as a one-byte replacement; two are allowed for it here.)
     */
    public static int bound(String text) {
        int bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    /**
     * At least {@code countMessage(role, head + tail)}: the head counted (and remembered) when the two join cleanly,
     * the rest bounded by {@link #bound}.
     */
    public int boundMessage(String role, String head, String tail) {
        // An empty head never joins cleanly, and bounds to 0.
        return TOKENS_PER_MESSAGE + roleCount(role) + bound(tail)
                + (joinsCleanly(head, tail) ? headCounts.get(head, this::count) : bound(head));
    }

    /** At least {@link #countMessage(ChatMessage)}, without encoding the content or the calls. */
    public int boundMessage(ChatMessage message) {
        int tokens = TOKENS_PER_MESSAGE + roleCount(message.role()) + bound(message.content());
        for (ChatMessage.FunctionCall call : message.toolCalls()) {
            tokens += bound(call.name()) + bound(call.arguments());
        }
        return tokens;
    }

    /** The instructions opening every request's system message: one per prompt template and language. */
    private final BoundedMemo<String, Integer> headCounts = new BoundedMemo<>(64);

    /**
     * {@code countMessage(role, head + tail)}, with the head's count remembered. Exact, not an estimate: o200k's
     * pre-tokenizer cuts the text into pieces before encoding each, and no piece runs from a line break into the
     * letter or digit after it, so when {@code head} ends with a line break and {@code tail} starts with a letter or
     * digit, the joined text is cut at the join into the same pieces as the two parts are alone. Otherwise the joined
     * text is counted as such.
     */
    public int countMessage(String role, String head, String tail) {
        if (!joinsCleanly(head, tail)) {
            return countMessage(role, head + tail);
        }
        return TOKENS_PER_MESSAGE + count(role) + headCounts.get(head, this::count) + count(tail);
    }

    static boolean joinsCleanly(String head, String tail) {
        return !head.isEmpty() && head.charAt(head.length() - 1) == '\n'
                && !tail.isEmpty() && Character.isLetterOrDigit(tail.codePointAt(0));
    }

    /** A message as sent: an assistant message's tool calls count their function name and arguments text. */
    public int countMessage(ChatMessage message) {
        int tokens = countMessage(message.role(), message.content());
        for (ChatMessage.FunctionCall call : message.toolCalls()) {
            tokens += count(call.name()) + count(call.arguments());
        }
        return tokens;
    }

    /**
     * The counts of the tool sets offered so far: every request of every answer offers one of the same few sets, and
     * encoding their descriptions again was most of the counting the assistant did per request.
     */
    private final BoundedMemo<List<Tool>, Integer> toolCounts = new BoundedMemo<>(16);

    /** What offering these tools adds to a prompt (0 for none). */
    public int countTools(List<Tool> tools) {
        if (tools.isEmpty()) {
            return 0;
        }
        return toolCounts.get(List.copyOf(tools), this::encodeTools);
    }

    private int encodeTools(List<Tool> tools) {
        int tokens = 0;
        for (Tool tool : tools) {
            tokens += FUNCTION_INIT + count(tool.name() + ":" + withoutFinalPeriod(tool.description()));
            if (!tool.parameters().isEmpty()) {
                tokens += PROPERTIES_INIT;
                for (Parameter parameter : tool.parameters()) {
                    tokens += PROPERTY_KEY;
                    if (!parameter.allowed().isEmpty()) {
                        tokens += ENUM_INIT;
                        for (String item : parameter.allowed()) {
                            tokens += ENUM_ITEM + count(item);
                        }
                    }
                    tokens += count(parameter.name() + ":" + FunctionSchemas.jsonType(parameter.type()) + ":"
                            + withoutFinalPeriod(parameter.description()));
                }
            }
        }
        return tokens + FUNCTIONS_END;
    }

    /** A whole chat request: its messages, the reply priming and the tool definitions. */
    public int countRequest(List<ChatMessage> messages, List<Tool> tools) {
        int tokens = REPLY_PRIMING + countTools(tools);
        for (ChatMessage message : messages) {
            tokens += countMessage(message);
        }
        return tokens;
    }

    /** What a streamed reply cost: its text and, for each tool call, the function name and arguments. */
    public int countCompletion(String text, List<ChatMessage.FunctionCall> calls) {
        int tokens = count(text);
        for (ChatMessage.FunctionCall call : calls) {
            tokens += count(call.name()) + count(call.arguments());
        }
        return tokens;
    }

    private static String withoutFinalPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
