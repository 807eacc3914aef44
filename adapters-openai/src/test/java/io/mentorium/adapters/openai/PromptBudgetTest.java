package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.assistant.PromptTemplates;
import io.mentorium.application.port.out.AiAssistant.Parameter;
import io.mentorium.application.port.out.AiAssistant.Prompt;
import io.mentorium.application.port.out.AiAssistant.Tool;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PromptBudgetTest {

    private static final List<Tool> TOOLS = List.of(new Tool("get_progress", "A child's progress.",
            List.of(new Parameter("child", Parameter.Type.STRING, "The child's alias.", true, List.of(),
                    Optional.empty(), Optional.empty()))));
    private static final String[] WORDS = {"Dilnoza", "maths", "Как дела у сына?", "O‘g‘lim", "🎓", "12", "week",
            "{\"percent\": 87}", "\n", "Ответ: ", "progress", "日本"};

    private final JtokkitTokenCounter counter = new JtokkitTokenCounter();

    @Test
    void everyRequestIsCountedAsSentAndCutOnlyWhenTheWholeWouldExceedTheBudget() {
        PromptTemplates templates = new PromptTemplates();
        Random random = new Random(20261204);
        int sentWhole = 0;
        int cut = 0;
        for (int i = 0; i < 400; i++) {
            String instructions = templates.system(PromptTemplates.Template.PROGRESS, Language.values()[i % 3]);
            Prompt prompt = new Prompt(Language.EN, instructions,
                    "Today is 2026-12-04 (Asia/Tashkent).\nThe parent's children: " + text(random, 8),
                    history(random, random.nextInt(11)), text(random, 1 + random.nextInt(30)));
            int budget = 300 + random.nextInt(3_000);
            PromptBudget budgetOf = new PromptBudget(counter, budget, prompt, TOOLS);
            List<ChatMessage> exchange = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                PromptBudget.Fitted fitted = budgetOf.fit(exchange);
                List<ChatMessage> whole = whole(prompt, exchange);
                int wholeCount = counter.countRequest(whole, TOOLS);

                assertThat(fitted.counted()).as("the count of exactly what is sent")
                        .isEqualTo(counter.countRequest(fitted.messages(), TOOLS));
                assertThat(fitted.withinBudget()).isEqualTo(fitted.counted() <= budget);
                if (wholeCount <= budget) {
                    assertThat(fitted.messages()).isEqualTo(whole);
                    assertThat(fitted.historyKept()).isEqualTo(whole.size() - 2 - exchange.size());
                    sentWhole++;
                } else {
                    assertThat(fitted.messages()).isNotEqualTo(whole);
                    cut++;
                }
                exchange.add(new ChatMessage(ChatMessage.ASSISTANT, "", List.of(new ChatMessage.FunctionCall(
                        "call_" + round, "get_progress", "{\"child\":\"child_1\"}")), Optional.empty()));
                exchange.add(ChatMessage.toolResult("call_" + round, "{\"title\":\"" + text(random, 20) + "\"}"));
            }
        }
        // Both ways are exercised, not only one.
        assertThat(sentWhole).isGreaterThan(100);
        assertThat(cut).isGreaterThan(100);
    }

    private List<DialogMessage> history(Random random, int size) {
        List<DialogMessage> history = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean asked = i % 2 == 0;
            String content = text(random, 1 + random.nextInt(60));
            // As stored: counted by the same counter when the exchange was recorded.
            int tokens = counter.countMessage(asked ? ChatMessage.USER : ChatMessage.ASSISTANT, content);
            history.add(new DialogMessage(new TelegramUserId(7), asked ? DialogRole.USER : DialogRole.ASSISTANT,
                    content, tokens, Instant.parse("2026-12-04T00:00:00Z")));
        }
        return history;
    }

    private static List<ChatMessage> whole(Prompt prompt, List<ChatMessage> exchange) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.of(ChatMessage.SYSTEM, prompt.system() + "\n\n" + prompt.context()));
        for (DialogMessage message : prompt.history()) {
            messages.add(ChatMessage.of(message.role() == DialogRole.USER ? ChatMessage.USER : ChatMessage.ASSISTANT,
                    message.content()));
        }
        messages.add(ChatMessage.of(ChatMessage.USER, prompt.question()));
        messages.addAll(exchange);
        return messages;
    }

    private static String text(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
