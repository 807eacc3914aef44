package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.core.JsonField;
import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import io.mentorium.application.port.out.AiAssistant.Parameter;
import io.mentorium.application.port.out.AiAssistant.Tool;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestJsonTest {

    private static final ChatCompletionTool PROGRESS = OpenAiAssistant.definition(new Tool("get_progress",
            "A child's progress over a period",
            List.of(new Parameter("child", Parameter.Type.STRING, "The child's first name", true, List.of(),
                            Optional.empty(), Optional.empty()),
                    new Parameter("period", Parameter.Type.STRING, "Which period", false, List.of("week", "month"),
                            Optional.empty(), Optional.empty()),
                    new Parameter("limit", Parameter.Type.INTEGER, "How many «at most»", false, List.of(),
                            Optional.of(1), Optional.of(20)))));
    private static final ChatCompletionTool QUIET = OpenAiAssistant.definition(new Tool("set_notification_preferences",
            "Turns kinds of notifications on or off",
            List.of(new Parameter("kinds", Parameter.Type.STRING_ARRAY, "Kinds", false, List.of("reminder", "system"),
                    Optional.empty(), Optional.empty()))));

    private static ChatCompletionCreateParams request(List<ChatCompletionTool> tools) {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addSystemMessage("Use tool results only.")
                .addUserMessage("Как дела у Дилнозы по математике?")
                .tools(tools)
                .build();
    }

    @Test
    void aRequestIsWrittenByteForByteAsTheClientWritesIt() throws Exception {
        JsonMapper memoizing = RequestJson.mapper();
        JsonMapper stock = ObjectMappers.jsonMapper();
        ChatCompletionCreateParams.Body body = request(List.of(PROGRESS, QUIET))._body();

        String expected = stock.writeValueAsString(body);
        assertThat(expected).contains("\"get_progress\"", "\"enum\":[\"week\",\"month\"]", "«at most»");
        // Twice: the first writes the definitions and remembers them, the second writes them from memory.
        assertThat(memoizing.writeValueAsString(body)).isEqualTo(expected);
        assertThat(new String(memoizing.writeValueAsBytes(body), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(expected);
    }

    @Test
    void aDefinitionIsWrittenFromMemoryNotSerializedAgain() throws Exception {
        BoundedMemo<ChatCompletionTool, SerializableString> memory = new BoundedMemo<>(8);
        memory.get(PROGRESS, tool -> new SerializedString("{\"remembered\":true}"));
        JsonMapper memoizing = RequestJson.mapper(memory);

        String written = memoizing.writeValueAsString(request(List.of(PROGRESS, QUIET))._body());

        assertThat(written).contains("\"tools\":[{\"remembered\":true},{\"function\":{\"name\"")
                .contains("\"set_notification_preferences\"");
        // An equal definition built again is the same value: it too is written from memory.
        assertThat(memoizing.writeValueAsString(request(List.of(OpenAiAssistant.definition(new Tool("get_progress",
                "A child's progress over a period", List.of(new Parameter("child", Parameter.Type.STRING,
                        "The child's first name", true, List.of(), Optional.empty(), Optional.empty()),
                        new Parameter("period", Parameter.Type.STRING, "Which period", false,
                                List.of("week", "month"), Optional.empty(), Optional.empty()),
                        new Parameter("limit", Parameter.Type.INTEGER, "How many «at most»", false, List.of(),
                                Optional.of(1), Optional.of(20)))))))._body()))
                .contains("{\"remembered\":true}");
    }

    /** Text that escaping could get wrong: quotes, backslashes, controls, line separators, Cyrillic, an emoji. */
    private static final String AWKWARD = "Как дела у \"Дилнозы\"? \\ C:\\path\t\u0001\u001f\n\u2028</script> 😀 «ok» "
            + "\u00e9\ud83d\ude00";

    private static List<ChatMessage> everyKindThisAdapterSends() {
        ChatMessage.FunctionCall list = new ChatMessage.FunctionCall("call_1", "list_children", "{}");
        ChatMessage.FunctionCall progress = new ChatMessage.FunctionCall("call_2", "get_progress",
                "{\"child\":\"child_1\",\"period\":\"week\"}");
        return List.of(
                ChatMessage.of(ChatMessage.SYSTEM, "Use tool results only.\n\n" + AWKWARD),
                ChatMessage.of(ChatMessage.USER, AWKWARD),
                ChatMessage.of(ChatMessage.ASSISTANT, "An earlier answer: " + AWKWARD),
                ChatMessage.of(ChatMessage.USER, ""),
                new ChatMessage(ChatMessage.ASSISTANT, "", List.of(list, progress), Optional.empty()),
                ChatMessage.toolResult("call_1", "{\"count\":1,\"children\":[{\"first_name\":\"Дилноза\"}]}"),
                ChatMessage.toolResult("call_2", "{\"error\":\"" + AWKWARD.replace("\\", "\\\\")
                        .replace("\"", "\\\"") + "\"}"),
                new ChatMessage(ChatMessage.ASSISTANT, "Let me look.", List.of(list), Optional.empty()));
    }

    private static ChatCompletionCreateParams.Builder asTheAdapterAsks() {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
    }

    @Test
    void everyMessageTheAdapterBuildsIsWrittenDirectlyAndByteForByteAsTheClientWritesIt() throws Exception {
        JsonMapper stock = ObjectMappers.jsonMapper();
        JsonMapper ours = RequestJson.mapper();
        ChatCompletionCreateParams.Builder request = asTheAdapterAsks()
                .tools(List.of(PROGRESS, QUIET))
                .toolChoice(ChatCompletionToolChoiceOption.Auto.NONE);
        for (ChatMessage message : everyKindThisAdapterSends()) {
            ChatCompletionMessageParam built = OpenAiAssistant.message(message);
            // The direct path, not the client's: otherwise this test would compare the client with itself.
            assertThat(writtenDirectly(built)).as(message.role()).isTrue();
            assertThat(ours.writeValueAsString(built)).as(message.role()).isEqualTo(stock.writeValueAsString(built));
            request.addMessage(built);
        }
        ChatCompletionCreateParams.Body body = request.build()._body();

        String expected = stock.writeValueAsString(body);
        assertThat(expected).contains("\"tool_calls\":[{\"id\":\"call_1\"", "\"tool_call_id\":\"call_2\"",
                "Дилнозы", "\\u0001");
        assertThat(ours.writeValueAsString(body)).isEqualTo(expected);
        // What the client sends: bytes, where Jackson writes a surrogate pair as two escapes (both mappers alike).
        assertThat(new String(ours.writeValueAsBytes(body), StandardCharsets.UTF_8))
                .isEqualTo(new String(stock.writeValueAsBytes(body), StandardCharsets.UTF_8))
                .contains("\\uD83D\\uDE00");
    }

    @Test
    void aMessageWithAnythingElseSetIsLeftToTheClient() throws Exception {
        JsonMapper stock = ObjectMappers.jsonMapper();
        JsonMapper ours = RequestJson.mapper();
        List<ChatCompletionMessageParam> unusual = List.of(
                ChatCompletionMessageParam.ofUser(ChatCompletionUserMessageParam.builder().content("hi").name("Ann")
                        .build()),
                ChatCompletionMessageParam.ofUser(ChatCompletionUserMessageParam.builder()
                        .contentOfArrayOfContentParts(List.of(
                                com.openai.models.chat.completions.ChatCompletionContentPart.ofText(
                                        ChatCompletionContentPartText.builder().text("part").build())))
                        .build()),
                ChatCompletionMessageParam.ofSystem(ChatCompletionSystemMessageParam.builder().content("s")
                        .putAdditionalProperty("cache", JsonValue.from(true)).build()),
                ChatCompletionMessageParam.ofAssistant(ChatCompletionAssistantMessageParam.builder()
                        .refusal("no").build()),
                ChatCompletionMessageParam.ofAssistant(ChatCompletionAssistantMessageParam.builder()
                        .content("x").name("helper").build()));
        for (ChatCompletionMessageParam message : unusual) {
            assertThat(writtenDirectly(message)).as(message.toString()).isFalse();
            String expected = stock.writeValueAsString(message);
            assertThat(ours.writeValueAsString(message)).isEqualTo(expected);
        }
        assertThat(ours.writeValueAsString(unusual)).contains("\"name\":\"Ann\"", "\"cache\":true",
                "\"refusal\":\"no\"", "\"type\":\"text\"");
    }

    @Test
    void theRequestsTheAdapterSendsAreWrittenByteForByteAsTheClientWritesThem() throws Exception {
        JsonMapper stock = ObjectMappers.jsonMapper();
        JsonMapper ours = RequestJson.mapper();
        ChatCompletionCreateParams.Builder plain = asTheAdapterAsks();
        everyKindThisAdapterSends().forEach(message -> plain.addMessage(OpenAiAssistant.message(message)));
        ChatCompletionCreateParams.Body withoutTools = plain.build()._body();
        ChatCompletionCreateParams.Body withTools = plain.tools(List.of(PROGRESS, QUIET)).build()._body();
        ChatCompletionCreateParams.Body lastRound = plain.toolChoice(ChatCompletionToolChoiceOption.Auto.NONE).build()
                ._body();

        for (ChatCompletionCreateParams.Body body : List.of(withoutTools, withTools, lastRound)) {
            // As the client sends it: streaming adds "stream": true to the body's extra properties.
            ChatCompletionCreateParams.Body streaming = body.toBuilder()
                    .putAdditionalProperty("stream", JsonValue.from(true)).build();
            for (ChatCompletionCreateParams.Body sent : List.of(body, streaming)) {
                assertThat(RequestJson.Bodies.onlyWhatTheAdapterSets(sent)).as("written directly").isTrue();
                assertThat(new String(ours.writeValueAsBytes(sent), StandardCharsets.UTF_8))
                        .isEqualTo(new String(stock.writeValueAsBytes(sent), StandardCharsets.UTF_8));
            }
        }
        assertThat(ours.writeValueAsString(lastRound.toBuilder().putAdditionalProperty("stream",
                JsonValue.from(true)).build())).endsWith("\"tool_choice\":\"none\",\"tools\":[{\"function\":"
                + stock.writeValueAsString(PROGRESS).substring("{\"function\":".length()) + ","
                + stock.writeValueAsString(QUIET) + "],\"stream\":true}");
    }

    @Test
    void aRequestWithAnythingElseSetIsWrittenByTheClient() throws Exception {
        JsonMapper stock = ObjectMappers.jsonMapper();
        ChatCompletionCreateParams.Body tuned = request(List.of(PROGRESS)).toBuilder().temperature(0.2).seed(7)
                .build()._body();

        String written = RequestJson.mapper().writeValueAsString(tuned);

        assertThat(RequestJson.Bodies.onlyWhatTheAdapterSets(tuned)).isFalse();
        assertThat(written).isEqualTo(stock.writeValueAsString(tuned)).contains("\"temperature\":0.2", "\"seed\":7");
    }

    @Test
    void everyFieldOfTheRequestBodyIsEitherWrittenOrKnownNeverToBeSet() {
        // A new version of the client with a field more fails here, instead of the field being lost when set.
        java.util.Set<String> fields = java.util.Arrays.stream(ChatCompletionCreateParams.Body.class.getMethods())
                .filter(method -> method.getName().startsWith("_") && method.getParameterCount() == 0
                        && JsonField.class.isAssignableFrom(method.getReturnType()))
                .map(java.lang.reflect.Method::getName)
                .collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> handled = new java.util.HashSet<>(RequestJson.Bodies.NEVER_SET.keySet());
        handled.addAll(RequestJson.Bodies.WRITTEN);

        assertThat(fields).hasSize(36).isEqualTo(handled);
    }

    private static boolean writtenDirectly(ChatCompletionMessageParam message) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = ObjectMappers.jsonMapper().getFactory().createGenerator(out)) {
            boolean direct = RequestJson.Messages.writtenDirectly(message, generator);
            generator.flush();
            // Nothing is written for a message left to the client: it writes the whole of it.
            assertThat(direct || out.toString().isEmpty()).as("wrote nothing").isTrue();
            return direct;
        }
    }
}
