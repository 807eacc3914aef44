package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.mentorium.application.assistant.PromptTemplates;
import io.mentorium.application.port.out.AiAssistant.Parameter;
import io.mentorium.application.port.out.AiAssistant.Tool;
import io.mentorium.domain.shared.Language;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JtokkitTokenCounterTest {

    private final JtokkitTokenCounter counter = new JtokkitTokenCounter();

    @Test
    void theCookbooksExampleCounts124Tokens() {
        // openai-cookbook "How to count tokens with tiktoken": 124 prompt tokens for gpt-4o-mini, as the API reported.
        // Four of its messages carry a name, which costs the name's tokens plus one; the adapter never sends names.
        record Named(String role, String name, String content) {
        }
        List<Named> messages = List.of(
                new Named("system", null, "You are a helpful, pattern-following assistant that translates corporate "
                        + "jargon into plain English."),
                new Named("system", "example_user", "New synergies will help drive top-line growth."),
                new Named("system", "example_assistant", "Things working well together will increase revenue."),
                new Named("system", "example_user", "Let's circle back when we have more bandwidth to touch base on "
                        + "opportunities for increased leverage."),
                new Named("system", "example_assistant", "Let's talk later when we're less busy about how to do "
                        + "better."),
                new Named("user", null, "This late pivot means we don't have time to boil the ocean for the client "
                        + "deliverable."));
        int tokens = JtokkitTokenCounter.REPLY_PRIMING;
        for (Named message : messages) {
            tokens += counter.countMessage(message.role(), message.content());
            if (message.name() != null) {
                tokens += counter.count(message.name()) + 1;
            }
        }
        assertThat(tokens).isEqualTo(124);
    }

    @Test
    void theCookbooksToolExampleCounts101Tokens() {
        // The cookbook's num_tokens_for_tools example (get_current_weather); the API reported 101 for gpt-4o-mini.
        Tool weather = new Tool("get_current_weather", "Get the current weather in a given location", List.of(
                new Parameter("location", Parameter.Type.STRING, "The city and state, e.g. San Francisco, CA", true,
                        List.of(), Optional.empty(), Optional.empty()),
                new Parameter("unit", Parameter.Type.STRING, "The unit of temperature to return", false,
                        List.of("celsius", "fahrenheit"), Optional.empty(), Optional.empty())));
        List<ChatMessage> messages = List.of(
                ChatMessage.of("system", "You are a helpful assistant that can answer to questions about the weather."),
                ChatMessage.of("user", "What's the weather like in San Francisco?"));

        assertThat(counter.countRequest(messages, List.of(weather))).isEqualTo(101);
    }

    @Test
    void specialTokenLookAlikesAreOrdinaryText() {
        assertThatCode(() -> counter.count("hi <|endoftext|> <|im_start|>")).doesNotThrowAnyException();
        assertThat(counter.count("hi <|endoftext|>")).isEqualTo(8);
        assertThat(counter.count("お誕生日おめでとう")).isEqualTo(8);
        assertThat(counter.count("")).isZero();
    }

    @Test
    void aRequestIsItsMessagesTheReplyPrimingAndTheTools() {
        ChatMessage.FunctionCall call = new ChatMessage.FunctionCall("call_1", "list_children", "{\"all\":true}");
        List<ChatMessage> messages = List.of(ChatMessage.of("system", "Be brief."), ChatMessage.of("user", "Hi"),
                ChatMessage.calling(List.of(call)), ChatMessage.toolResult("call_1", "{\"children\":2}"));
        Tool tool = new Tool("list_children", "Lists the children.", List.of());

        int expected = 3 + counter.countMessage("system", "Be brief.") + counter.countMessage("user", "Hi")
                + counter.countMessage("assistant", "") + counter.count("list_children") + counter.count("{\"all\":true}")
                + counter.countMessage("tool", "{\"children\":2}")
                + 7 + counter.count("list_children:Lists the children") + 12;
        assertThat(counter.countRequest(messages, List.of(tool))).isEqualTo(expected);
        assertThat(counter.countRequest(messages, List.of())).isEqualTo(expected - counter.countTools(List.of(tool)));
        assertThat(counter.countMessage("user", "Hi")).isEqualTo(3 + counter.count("user") + counter.count("Hi"));
    }

    @Test
    void aToolSetCountedBeforeCountsTheSameAndAnotherSetCountsItsOwn() {
        Tool children = new Tool("list_children", "Lists the children.", List.of());
        Tool status = new Tool("get_subscription_status", "Tells the subscription's state.", List.of());

        int first = counter.countTools(List.of(children));
        assertThat(counter.countTools(new java.util.ArrayList<>(List.of(children)))).isEqualTo(first)
                .isEqualTo(7 + counter.count("list_children:Lists the children") + 12);
        assertThat(counter.countTools(List.of(children, status))).isEqualTo(first
                + 7 + counter.count("get_subscription_status:Tells the subscription's state"));
    }

    @Test
    void aSystemMessageCountedInTwoPartsCountsAsTheWholeForEveryTemplateLanguageAndManyContexts() {
        PromptTemplates templates = new PromptTemplates();
        List<String> contexts = List.of("Today is 2026-12-02 (Asia/Tashkent).\nThe parent's children: child_1: Dilnoza",
                "Сегодня 2026-12-02", "O'g'lingiz haqida", "2026 yil", "ÉÀ test", "x");
        for (PromptTemplates.Template template : PromptTemplates.Template.values()) {
            for (Language language : Language.values()) {
                String head = templates.system(template, language) + "\n\n";
                for (String context : contexts) {
                    assertThat(counter.countMessage("system", head, context))
                            .as("%s/%s + %s", template, language, context)
                            .isEqualTo(counter.countMessage("system", head + context));
                }
            }
        }
    }

    @Test
    void aHeadEndingInALineBreakAndATailStartingWithALetterOrDigitCountAsTheirJoinOverRandomTexts() {
        // Pieces that sit at the join in practice (punctuation, spaces, several line breaks, other scripts, digits).
        String[] ends = {".", "!", " ", "  ", ":", "'", "\"", "-", "a", "Я", "1", "\t", "\r", "\n", "'s", "?!", "/", "…"};
        String[] starts = {"T", "t", "С", "о", "O'", "1", "12345", "Ü", "日本", "ß", "x\n", "a b", "Z.", "9th"};
        Random random = new Random(20261202);
        for (int i = 0; i < 2_000; i++) {
            String head = "Rules" + ends[random.nextInt(ends.length)] + ends[random.nextInt(ends.length)]
                    + "\n".repeat(1 + random.nextInt(3));
            String tail = starts[random.nextInt(starts.length)] + ends[random.nextInt(ends.length)]
                    + starts[random.nextInt(starts.length)];
            assertThat(counter.countMessage("system", head, tail)).as("%s|%s", head, tail)
                    .isEqualTo(counter.countMessage("system", head + tail));
        }
    }

    @Test
    void noTextHasMoreTokensThanItsBoundSaysAndTheBoundIsItsUtf8Length() {
        String[] pieces = {"a", "Hello", " ", "\n", "Дилноза", "O‘zbek", "日本語", "🎓", "\uD83C", "\uDF93", "{\"child\":", "1",
                "12345", "ß", "é", "\t", "…", "<b>", "&amp;", "\u0000", "x".repeat(300), "я".repeat(50)};
        Random random = new Random(20261204);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String sample = text.toString();
            assertThat(counter.count(sample)).as(sample).isLessThanOrEqualTo(JtokkitTokenCounter.bound(sample));
            if (sample.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
                assertThat(JtokkitTokenCounter.bound(sample)).isEqualTo(sample.getBytes(StandardCharsets.UTF_8).length);
            }
            String head = "Rules.\n\n";
            assertThat(counter.countMessage("system", head + sample))
                    .isLessThanOrEqualTo(counter.boundMessage("system", head, sample));
            assertThat(counter.countMessage("user", sample)).isLessThanOrEqualTo(counter.boundMessage("user", "", sample));
            ChatMessage call = new ChatMessage("assistant", sample, List.of(new ChatMessage.FunctionCall("call_1",
                    "get_progress", "{\"child\":\"" + sample + "\"}")), Optional.empty());
            assertThat(counter.countMessage(call)).isLessThanOrEqualTo(counter.boundMessage(call));
        }
    }

    @Test
    void partsThatMayNotJoinCleanlyAreCountedWhole() {
        assertThat(JtokkitTokenCounter.joinsCleanly("Rules\n", "Today")).isTrue();
        assertThat(JtokkitTokenCounter.joinsCleanly("Rules", "Today")).isFalse();
        assertThat(JtokkitTokenCounter.joinsCleanly("Rules\n", " Today")).isFalse();
        assertThat(JtokkitTokenCounter.joinsCleanly("Rules\n", "\nToday")).isFalse();
        assertThat(JtokkitTokenCounter.joinsCleanly("Rules\n", ".")).isFalse();
        assertThat(JtokkitTokenCounter.joinsCleanly("", "Today")).isFalse();
        // Counted whole, the result is the whole's count whatever the parts.
        assertThat(counter.countMessage("system", "Rules", "Today")).isEqualTo(counter.countMessage("system", "RulesToday"));
        assertThat(counter.countMessage("system", "Rules\n", " Today"))
                .isEqualTo(counter.countMessage("system", "Rules\n Today"));
    }
}
