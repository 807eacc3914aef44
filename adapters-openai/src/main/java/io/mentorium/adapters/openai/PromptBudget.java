package io.mentorium.adapters.openai;

import io.mentorium.application.port.out.AiAssistant.Prompt;
import io.mentorium.application.port.out.AiAssistant.Tool;
import io.mentorium.domain.dialog.DialogMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

/**
 * Lays out each request of one answer within the prompt token budget: the system message (instructions, then the
 * context), the history that fits, the question, then this answer's tool calls and results.
 *
 * <p>What gives way, in order: the oldest history messages; then the end of the context; then the end of the question,
 * but never below {@link #MIN_QUESTION_CHARS} characters. The instructions, the tool definitions and this answer's tool
 * exchange are never cut: without them the answer would be wrong rather than short. So a request can still exceed the
 * budget when those alone do; it is sent anyway and the model's own limit decides.
 *
 * <p>A request is counted exactly, but not always before it is sent. Every token stands for at least one byte of the
 * text, so a text's UTF-8 length bounds its count from above. When that bound, with the parts whose counts are known
 * (instructions, tools, stored history), is within the budget, nothing needs cutting and the request goes out at
 * once; its exact count is made when it is first asked for, after the answer has streamed. Counting the family's
 * context, the question and the tool results had been a tenth of the bot's CPU while a wave of questions started,
 * all of it before the model was asked.
 */
final class PromptBudget {

    /** The parent's own words are kept at least this long: a question cut shorter would be a different question. */
    static final int MIN_QUESTION_CHARS = 1000;

    /** Between the instructions and the context in the system message. */
    private static final String SEPARATOR = "\n\n";

    /** One request as laid out, with its token count (the count of exactly what is sent), made once when first asked. */
    static final class Fitted {

        private final List<ChatMessage> messages;
        private final int historyKept;
        private final boolean withinBudget;
        private IntSupplier count;
        private int counted = -1;

        Fitted(List<ChatMessage> messages, int historyKept, boolean withinBudget, IntSupplier count) {
            this.messages = messages;
            this.historyKept = historyKept;
            this.withinBudget = withinBudget;
            this.count = count;
        }

        List<ChatMessage> messages() {
            return messages;
        }

        int historyKept() {
            return historyKept;
        }

        /** Known to fit without counting; otherwise {@link #counted} says by how much it is over, if at all. */
        boolean withinBudget() {
            return withinBudget;
        }

        int counted() {
            if (counted < 0) {
                counted = count.getAsInt();
                count = null;
            }
            return counted;
        }
    }

    private final JtokkitTokenCounter counter;
    private final int budget;
    private final String instructions;
    private final String context;
    private final String question;
    private final List<ChatMessage> history;
    private final int[] historyTokens;
    private final int toolTokens;
    /** The system message and the question as asked, untrimmed: the same in every round; counted when first needed. */
    private int systemTokens = -1;
    private int questionTokens = -1;
    /** Upper bounds of the two, from their lengths. */
    private final int systemBound;
    private final int questionBound;
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
        if (context.isEmpty()) {
            // Nothing to bound: the instructions alone are counted, once.
            this.systemTokens = counter.countMessage(ChatMessage.SYSTEM, instructions);
            this.systemBound = systemTokens;
        } else {
            this.systemBound = counter.boundMessage(ChatMessage.SYSTEM, instructions + SEPARATOR, context);
        }
        this.questionBound = counter.boundMessage(ChatMessage.USER, "", question);
    }

    private int systemTokens() {
        if (systemTokens < 0) {
            systemTokens = counter.countMessage(ChatMessage.SYSTEM, instructions + SEPARATOR, context);
        }
        return systemTokens;
    }

    private int questionTokens() {
        if (questionTokens < 0) {
            questionTokens = counter.countMessage(ChatMessage.USER, question);
        }
        return questionTokens;
    }

    /** The next request, given the tool calls and results this answer has gathered so far. */
    Fitted fit(List<ChatMessage> exchange) {
        int historyTotal = 0;
        for (int tokens : historyTokens) {
            historyTotal += tokens;
        }
        int exchangeBound = 0;
        for (ChatMessage message : exchange) {
            exchangeBound += counter.boundMessage(message);
        }
        if (JtokkitTokenCounter.REPLY_PRIMING + toolTokens + exchangeBound + systemBound + historyTotal + questionBound
                <= budget) {
            List<ChatMessage> sent = List.copyOf(exchange);
            int allHistory = historyTotal;
            return new Fitted(layout(system(context), 0, question, sent), history.size(), true,
                    () -> JtokkitTokenCounter.REPLY_PRIMING + toolTokens + exchangeTokens(sent) + systemTokens()
                            + allHistory + questionTokens());
        }
        int fixed = JtokkitTokenCounter.REPLY_PRIMING + toolTokens + exchangeTokens(exchange);
        String system = system(context);
        int systemTokens = systemTokens();
        String asked = question;
        int questionTokens = questionTokens();

        int first = 0;
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

        int counted = fixed + systemTokens + historyTotal + questionTokens;
        return new Fitted(layout(system, first, asked, exchange), history.size() - first, counted <= budget,
                () -> counted);
    }

    private List<ChatMessage> layout(String system, int firstKept, String asked, List<ChatMessage> exchange) {
        List<ChatMessage> messages = new ArrayList<>(history.size() - firstKept + exchange.size() + 2);
        messages.add(ChatMessage.of(ChatMessage.SYSTEM, system));
        messages.addAll(history.subList(firstKept, history.size()));
        messages.add(ChatMessage.of(ChatMessage.USER, asked));
        messages.addAll(exchange);
        return List.copyOf(messages);
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
