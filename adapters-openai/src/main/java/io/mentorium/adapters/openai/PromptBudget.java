package io.mentorium.adapters.openai;

import io.mentorium.application.port.out.AiAssistant.Prompt;
import io.mentorium.application.port.out.AiAssistant.Tool;
import io.mentorium.domain.dialog.DialogMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Lays out each request of one answer within the prompt token budget: the system message (instructions, then the
 * context), the history that fits, the question, then this answer's tool calls and results.
 *
 * <p>What gives way, in order: the oldest history messages; then the end of the context; then the end of the question,
 * but never below {@link #MIN_QUESTION_CHARS} characters. The instructions, the tool definitions and this answer's tool
 * exchange are never cut: without them the answer would be wrong rather than short. So a request can still exceed the
 * budget when those alone do; it is sent anyway and the model's own limit decides.
 */
final class PromptBudget {

    /** The parent's own words are kept at least this long: a question cut shorter would be a different question. */
    static final int MIN_QUESTION_CHARS = 1000;

    /** Between the instructions and the context in the system message. */
    private static final String SEPARATOR = "\n\n";

    /** One request as laid out, with its token count (the count of exactly what is sent). */
    record Fitted(List<ChatMessage> messages, int counted, int historyKept) {
    }

    private final JtokkitTokenCounter counter;
    private final int budget;
    private final String instructions;
    private final String context;
    private final String question;
    private final List<ChatMessage> history;
    private final int[] historyTokens;
    private final int toolTokens;
    /** The system message and the question as asked, untrimmed: the same in every round of the answer. */
    private final int systemTokens;
    private final int questionTokens;
    /** This answer's tool exchange counted so far: it only grows from round to round. */
    private final List<ChatMessage> exchangeCounted = new ArrayList<>();
    private int exchangeTokens;

    PromptBudget(JtokkitTokenCounter counter, int budget, Prompt prompt, List<Tool> tools) {
        this.counter = counter;
        this.budget = budget;
        this.instructions = prompt.system();
        this.context = prompt.context();
        this.question = prompt.question();
        this.history = new ArrayList<>();
        List<Integer> counted = new ArrayList<>();
        for (DialogMessage message : prompt.history()) {
            ChatMessage sent = switch (message.role()) {
                case USER -> ChatMessage.of(ChatMessage.USER, message.content());
                case ASSISTANT -> ChatMessage.of(ChatMessage.ASSISTANT, message.content());
                // A stored tool result has no call to answer in this request: the API would refuse it.
                case TOOL -> null;
            };
            if (sent != null) {
                history.add(sent);
                // Counted when it was stored, by the same counter: the history was most of what each answer encoded.
                counted.add(message.tokenCount() > 0 ? message.tokenCount() : counter.countMessage(sent));
            }
        }
        this.historyTokens = counted.stream().mapToInt(Integer::intValue).toArray();
        this.toolTokens = counter.countTools(tools);
        this.systemTokens = context.isEmpty() ? counter.countMessage(ChatMessage.SYSTEM, instructions)
                : counter.countMessage(ChatMessage.SYSTEM, instructions + SEPARATOR, context);
        this.questionTokens = counter.countMessage(ChatMessage.USER, question);
    }

    /** The next request, given the tool calls and results this answer has gathered so far. */
    Fitted fit(List<ChatMessage> exchange) {
        int fixed = JtokkitTokenCounter.REPLY_PRIMING + toolTokens + exchangeTokens(exchange);
        String system = system(context);
        int systemTokens = this.systemTokens;
        String asked = question;
        int questionTokens = this.questionTokens;

        int first = 0;
        int historyTotal = 0;
        for (int tokens : historyTokens) {
            historyTotal += tokens;
        }
        while (first < history.size() && fixed + systemTokens + questionTokens + historyTotal > budget) {
            historyTotal -= historyTokens[first++];
        }
        if (fixed + systemTokens + questionTokens > budget) {
            int allowance = budget - fixed - questionTokens;
            int keep = longestPrefix(context, 0,
                    length -> counter.countMessage(ChatMessage.SYSTEM, system(context.substring(0, length)))
                            <= allowance);
            system = system(context.substring(0, keep));
            systemTokens = counter.countMessage(ChatMessage.SYSTEM, system);
        }
        if (fixed + systemTokens + questionTokens > budget) {
            int allowance = budget - fixed - systemTokens;
            int keep = longestPrefix(question, Math.min(MIN_QUESTION_CHARS, question.length()),
                    length -> counter.countMessage(ChatMessage.USER, question.substring(0, length)) <= allowance);
            asked = question.substring(0, keep);
            questionTokens = counter.countMessage(ChatMessage.USER, asked);
        }

        List<ChatMessage> messages = new ArrayList<>(history.size() - first + exchange.size() + 2);
        messages.add(ChatMessage.of(ChatMessage.SYSTEM, system));
        messages.addAll(history.subList(first, history.size()));
        messages.add(ChatMessage.of(ChatMessage.USER, asked));
        messages.addAll(exchange);
        return new Fitted(List.copyOf(messages), fixed + systemTokens + historyTotal + questionTokens,
                history.size() - first);
    }

    /** Counts only the messages added since the last round (all of them if the exchange is not the one seen). */
    private int exchangeTokens(List<ChatMessage> exchange) {
        boolean grown = exchange.size() >= exchangeCounted.size();
        for (int i = 0; grown && i < exchangeCounted.size(); i++) {
            grown = exchange.get(i) == exchangeCounted.get(i);
        }
        if (!grown) {
            exchangeCounted.clear();
            exchangeTokens = 0;
        }
        for (int i = exchangeCounted.size(); i < exchange.size(); i++) {
            exchangeTokens += counter.countMessage(exchange.get(i));
            exchangeCounted.add(exchange.get(i));
        }
        return exchangeTokens;
    }

    private String system(String facts) {
        return facts.isEmpty() ? instructions : instructions + SEPARATOR + facts;
    }

    /**
     * The longest prefix length, at least {@code min}, that fits (or {@code min} when none does). Token counts grow
     * with the prefix almost everywhere, which is all a binary search needs; the caller recounts what it keeps.
     */
    private static int longestPrefix(String text, int min, IntPredicate fits) {
        int low = min;
        int high = text.length();
        if (fits.test(high)) {
            return high;
        }
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (fits.test(mid)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        // Never split a surrogate pair: half a character would be sent as garbage.
        if (low > min && low < text.length() && Character.isHighSurrogate(text.charAt(low - 1))) {
            low--;
        }
        return low;
    }
}
